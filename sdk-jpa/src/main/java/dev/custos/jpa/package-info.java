// SPDX-License-Identifier: Apache-2.0
/**
 * Public API of Custos' JPA layer: bootstrap, the SDK's own tables, and the services that enforce
 * what sdk-core decides.
 */
package dev.custos.jpa;
