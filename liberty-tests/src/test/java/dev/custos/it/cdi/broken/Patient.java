// SPDX-License-Identifier: Apache-2.0
package dev.custos.it.cdi.broken;

/** The class whose field the broken extension reports. */
public class Patient {

    public String email;
}
