// SPDX-License-Identifier: Apache-2.0
/**
 * Public API: the retention sweeper, which erases personal data whose retention has ended, set by set, in
 * keyset-ordered batches of one transaction each, logging and auditing every erasure exactly once. Start
 * with {@link dev.custos.jpa.retention.RetentionSweeper}.
 */
package dev.custos.jpa.retention;
