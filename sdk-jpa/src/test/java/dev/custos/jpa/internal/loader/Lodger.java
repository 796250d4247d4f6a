// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.loader;

/** A class {@code AttributeAccessTest} loads through a class loader of its own, to see that loader released. */
public class Lodger {

    private String name = "lodger";

    public String getName() {
        return name;
    }
}
