// SPDX-License-Identifier: Apache-2.0
/**
 * Public SPI: how Custos runs its own transactions, resource-local in Java SE and through the container's
 * transaction manager in Jakarta EE.
 */
package dev.custos.jpa.tx;
