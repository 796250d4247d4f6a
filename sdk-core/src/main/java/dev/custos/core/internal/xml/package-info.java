// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: a line-aware reader for Custos' XML data files. Not API.
 */
package dev.custos.core.internal.xml;
