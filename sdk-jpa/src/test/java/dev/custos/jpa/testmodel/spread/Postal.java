// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.testmodel.spread;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A postal address embedded in an account's row: erased by nulling each of its columns. */
@Embeddable
public class Postal {

    @Column(name = "postal_town", length = 80)
    public String town;

    @Column(name = "postal_code", length = 16)
    public String code;

    protected Postal() {
    }

    public Postal(String town, String code) {
        this.town = town;
        this.code = code;
    }
}
