// SPDX-License-Identifier: Apache-2.0
/**
 * Public API: the SDK's own tables and their migrations. {@link dev.custos.jpa.schema.CustosSchema} brings a
 * database's {@code custos_*} tables to the current version with Flyway; the same scripts, concatenated, are
 * shipped as plain DDL in {@code docs/sql/} for DBAs who apply schema by hand.
 */
package dev.custos.jpa.schema;
