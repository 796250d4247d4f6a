// SPDX-License-Identifier: Apache-2.0
/**
 * Public API: retention specifications, legal holds, and the engine that computes due dates and
 * answers "must I keep this, must I erase it, and why" for sweeps and erasure requests.
 */
package dev.custos.core.retention;
