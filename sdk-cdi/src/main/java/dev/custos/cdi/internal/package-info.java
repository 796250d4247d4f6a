// SPDX-License-Identifier: Apache-2.0
/** Implementation of the CDI module; not API, may change in any release. */
package dev.custos.cdi.internal;
