// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.internal;

import dev.custos.core.Message;
import dev.custos.core.SafeCause;

/** Messages of the CDI layer, ids 05000-05199 (see message-ranges.txt). */
public final class CdiMessages {

    private CdiMessages() {
    }

    public static Message purposeNotFound(String method) {
        return Message.of(5000, "No @ProcessingPurpose with a purpose was found for %s although the purpose"
                + " interceptor runs for it; put @ProcessingPurpose(\"...\") on the method or its class", method);
    }

    public static Message blankPurpose(String location) {
        return Message.of(5001, "@ProcessingPurpose on %s names no purpose; name the purpose the work serves, as"
                + " @PersonalData(purpose = ...) names it, for example @ProcessingPurpose(\"treatment\")", location);
    }

    public static Message noPersistenceUnit(String declared) {
        return Message.of(5002, "Custos cannot reach the application's persistence units [%s], so it refuses to let"
                + " them run unprotected. With one unit, the container injects it; with several, produce each"
                + " factory as an @ApplicationScoped bean (@Produces @PersistenceUnit(unitName = \"...\")"
                + " EntityManagerFactory ...)", declared);
    }

    public static Message startFailed(String unit, SafeCause cause) {
        return Message.of(5003, "Custos could not start for persistence unit %s, so the application must not run"
                + " unprotected: %s", unit, cause);
    }

    public static Message noDataSource(String unit) {
        return Message.of(5005, "Custos cannot find the database of persistence unit %s: the unit names no"
                + " jta-data-source or non-jta-data-source Custos can look up. Name one in persistence.xml",
                unit);
    }

    public static Message readOnlyRole(String role) {
        return Message.of(5006, "Callers in role %s read personal data but change none (setting"
                + " custos.roles.read-only)", role);
    }

    public static Message notStarted(String unit) {
        return Message.of(5008, "Custos has not started for persistence unit %s; services are available once the"
                + " application has started", unit);
    }

    public static Message unknownUnit(String unit, String known) {
        return Message.of(5009, "No persistence unit %s is protected by Custos; known units: [%s]", unit, known);
    }

    public static Message deadlineCheckFailed(String unit, SafeCause cause) {
        return Message.of(5019, "The scheduled check of request deadlines of persistence unit %s failed and will run"
                + " again at its next time: %s", unit, cause);
    }

    public static Message sweepFailed(String unit, SafeCause cause) {
        return Message.of(5010, "The scheduled retention sweep of persistence unit %s failed and will run again at"
                + " its next time; nothing was erased by the failed batch: %s", unit, cause);
    }

    public static Message noScheduler(String jndiName) {
        return Message.of(5013, "The scheduled retention sweep is off: the server has no %s and the application no"
                + " ScheduledExecutorService bean. Sweep through RetentionService.sweepNow, or set"
                + " custos.sweep.enabled=false to silence this", jndiName);
    }

    public static Message unitProtected(String unit, String pack, String entities) {
        return Message.of(5014, "Custos protects persistence unit %s under pack %s (%s annotated entities)", unit, pack,
                entities);
    }

    public static Message ambiguousCallerSources(String count) {
        return Message.of(5015, "The application has %s CallerSource beans besides Jakarta Security's; keep one, or"
                + " mark the one to use @Alternative @Priority(1)", count);
    }

    public static Message persistenceXmlUnreadable(String file, SafeCause cause) {
        return Message.of(5016, "%s cannot be read, so Custos cannot tell which units to protect: %s", file, cause);
    }

    public static Message dataSourceNotFound(String unit, String name) {
        return Message.of(5017, "Persistence unit %s names data source %s, which JNDI does not know; Custos keeps its"
                + " tables in the unit's database and will not guess another", unit, name);
    }

    public static Message duplicateUnitFactory(String unit) {
        return Message.of(5020, "Two EntityManagerFactory beans are declared for persistence unit %s; produce each unit's"
                + " factory once, with @Produces @PersistenceUnit(unitName = \"...\") and a qualifier of its own", unit);
    }

    public static Message firstSweepNotConfirmed(String unit, String due, String undetermined) {
        return Message.of(5022, "Custos never swept persistence unit %s's database, so the scheduled sweep only"
                + " reports until an operator confirms: the first sweep would erase %s row(s) now, and %s row(s)"
                + " cannot be dated (no clock value or no consent record). Read the report lines that follow, or"
                + " RetentionService.adoptionReport(), then set custos.sweep.confirmed=true", unit, due,
                undetermined);
    }

    public static Message firstSweepErases(String unit, String entity, String rows, String ruleId) {
        return Message.of(5023, "First sweep of persistence unit %s's database, confirmed: it erases %s row(s) of %s"
                + " under rule %s", unit, rows, entity, ruleId);
    }

    public static Message undecidedNearDeadline(String unit, String requestId, String count, String deadline) {
        return Message.of(5024, "Request %s of persistence unit %s has %s erasure line(s) waiting for a person's"
                + " decision, and its deadline is %s: decide them (RequestService.undecided, RequestService.decide)",
                requestId, unit, count, deadline);
    }

    public static Message clientProxyUnopened(SafeCause failure) {
        return Message.of(5075, "Custos could not open the CDI client proxy of an EntityManagerFactory (%s), and hooks"
                + " into the proxy's own unwrap instead; if the unit then fails to start, produce the factory"
                + " @ApplicationScoped or @Dependent", failure);
    }

    public static Message providerUnwrapRefused(String providerFactory, SafeCause failure) {
        return Message.of(5076, "The EntityManagerFactory does not unwrap to %s (%s): it belongs to another provider",
                providerFactory, failure);
    }

    public static Message jndiLookupFailed(String name, SafeCause failure) {
        return Message.of(5070, "JNDI lookup of %s failed (%s); Custos carries on without it (expected in Java SE,"
                + " where nothing is bound)", name, failure);
    }

    public static Message batchJobWithoutBatch(String setting) {
        return Message.of(5100, "%s=true asks the scheduled sweep to start the batch job custos-retention-sweep, but"
                + " the server provides no Jakarta Batch: enable its batch feature (batch-2.1 on Open Liberty) or set"
                + " %s=false", setting, setting);
    }

    public static Message batchUnavailable(String unit) {
        return Message.of(5101, "The retention sweep job of persistence unit %s cannot start: the server provides no"
                + " Jakarta Batch. Enable its batch feature (batch-2.1 on Open Liberty), or sweep with"
                + " RetentionService.sweepNow", unit);
    }

    public static Message invalidJobParameter(String job, String value) {
        return Message.of(5102, "Job %s was given \"%s\" where a whole number belongs (batchSize, threads): start it"
                + " again with a number", job, value);
    }

    public static Message sweepJobPositionLost(String unit, String entity, String group) {
        return Message.of(5103, "The restarted sweep job of persistence unit %s saved its position in %s under group"
                + " %s, which this deployment no longer has; it sweeps %s from its start (rows erased before are"
                + " found in the erasure log and not erased again)", unit, entity, group, entity);
    }

    public static Message sweepJobEnded(String unit, String run, String counts) {
        return Message.of(5104, "Retention sweep job %s of persistence unit %s ended: %s. Its batch status in the"
                + " server's batch tools says whether it ran to its end; restart it if it did not", run, unit,
                counts);
    }

    public static Message sweepJobStarted(String unit, String executionId) {
        return Message.of(5105, "The scheduled sweep of persistence unit %s started the batch job"
                + " custos-retention-sweep, execution %s; the server's batch tools show its progress and logs", unit,
                executionId);
    }

    public static Message sweepJobStillRunning(String unit, String executionId) {
        return Message.of(5106, "The scheduled sweep of persistence unit %s starts no batch job this time: execution"
                + " %s, which it started before, has not ended", unit, executionId);
    }
}
