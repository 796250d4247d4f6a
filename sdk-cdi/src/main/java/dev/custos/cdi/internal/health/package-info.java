// SPDX-License-Identifier: Apache-2.0
/**
 * Custos' MicroProfile Health readiness check; internal. Nothing here carries a bean-defining annotation, so bean
 * discovery never loads these classes: {@link dev.custos.cdi.internal.CustosExtension} registers the check only
 * when the server provides the MicroProfile Health API, and an application without mpHealth deploys as before.
 */
package dev.custos.cdi.internal.health;
