// SPDX-License-Identifier: Apache-2.0
// Over 300 lines by design: one short method per numbered message of the area, as in every <Area>Messages class.
package dev.custos.jpa.internal;

import dev.custos.core.Message;
import dev.custos.core.SafeCause;
import dev.custos.jpa.CustosSetting;

/** Messages of the JPA bootstrap, discovery and access area, ids 04400-04599 (see message-ranges.txt). */
public final class JpaMessages {

    private JpaMessages() {
    }

    public static Message missingSetting(String key, String description) {
        return Message.of(4401, "The persistence unit has no %s property: %s Set it in persistence.xml, for"
                + " example <property name=\"%s\" value=\"dk\"/>", key, description, key);
    }

    public static Message invalidBoolean(String key, String value) {
        return Message.of(4402, "%s=\"%s\" must be \"true\" or \"false\"", key, value);
    }

    /**
     * Reserved: CUSTOS-04403 was to name the unit of an invalid model, but the model's own CUSTOS-01001 lists the
     * problems and nothing raised this; the id is retired, never to be reused.
     */
    public static Message invalidModel(String unit, String count) {
        return Message.of(4403, "Persistence unit %s: the annotated model has %s problem(s); fix them all and"
                + " redeploy", unit, count);
    }

    public static Message notPersistent(String location, String annotation) {
        return Message.of(4404, "%s carries %s but is not a persistent attribute of the entity (transient, static"
                + " or not mapped); Custos can only protect what JPA stores", location, annotation);
    }

    public static Message subjectRelationWithoutId(String location, String target) {
        return Message.of(4405, "%s is a @DataSubject relation to %s, which has no single @Id attribute; use a basic"
                + " attribute holding the subject's id instead", location, target);
    }

    public static Message subjectNotSingular(String location) {
        return Message.of(4406, "%s is a @DataSubject of a kind JPA cannot compare in a query; use a basic attribute"
                + " or a to-one relation", location);
    }

    public static Message entityWithoutSingleId(String entity) {
        return Message.of(4407, "%s has personal data but no single @Id attribute; Custos addresses rows by their id"
                + " for erasure and audit, so give the entity a single-column id", entity);
    }

    public static Message notStarted(String unit) {
        return Message.of(4408, "Custos has not been started for persistence unit %s; call CustosJpa.start(...) when"
                + " the unit is created (the CDI extension does this for you)", unit);
    }

    /** {@code row} as the audit trail names it: the row's id, or the subject's pseudonym where that is the id. */
    public static Message readRefused(String entity, String row, String attributes) {
        return Message.of(4409, "Reading %s#%s is refused: the caller may not read [%s]; see the reasons, and run the"
                + " read under a purpose the subject consented to", entity, row, attributes);
    }

    public static Message noPurpose(String attribute, String purposes) {
        return Message.of(4410, "%s is consent-based and no processing purpose is in effect; open one of [%s] with"
                + " ProcessingContext.open(...) or @ProcessingPurpose", attribute, purposes);
    }

    public static Message purposeNotDeclared(String attribute, String purpose, String purposes) {
        return Message.of(4411, "%s may not be processed for purpose \"%s\"; its declared purposes are [%s]",
                attribute, purpose, purposes);
    }

    /** The row's own id: a row without a subject has no subject's id to hide. */
    public static Message noSubject(String entity, String entityId, String attribute) {
        return Message.of(4412, "%s#%s has no data subject (%s is null), so its personal data cannot be checked;"
                + " Custos refuses to read it", entity, entityId, attribute);
    }

    public static Message auditFailed(String entity, SafeCause cause) {
        return Message.of(4414, "The audit record for %s could not be written, so the operation fails: %s", entity,
                cause);
    }

    public static Message unsupportedProvider(String factoryClass) {
        return Message.of(4415, "The persistence provider behind %s is not supported; Custos works with EclipseLink"
                + " and Hibernate ORM", factoryClass);
    }

    public static Message subjectRestricted(String entity) {
        return Message.of(4416, "This %s belongs to a data subject who restricted processing to storage (GDPR Art."
                + " 18); it is not read until the restriction is lifted (RequestExecutor.liftRestrictions)", entity);
    }

    public static Message restrictionUnknown(String entity, SafeCause cause) {
        return Message.of(4417, "Whether the subject of this %s restricted processing cannot be read (%s), so the read"
                + " is refused; check that custos_restriction exists (schema version 3) and is reachable", entity,
                cause);
    }

    /**
     * Reserved: CUSTOS-04418 refused CRYPTO_SHRED at start until Custos encrypted such values; no longer used,
     * and the id is retired, never to be reused.
     */
    public static Message cryptoShredNotSupported(String location) {
        return Message.of(4418, "%s is erased by CRYPTO_SHRED, which needs values encrypted on write under a"
                + " per-subject key; this version of Custos does not encrypt, so choose NULLIFY, ANONYMIZE,"
                + " PSEUDONYMIZE or DELETE_ROW", location);
    }

    public static Message disabled(String unit) {
        return Message.of(4419, "Custos is switched off for persistence unit %s (%s=false): it neither sweeps nor"
                + " answers requests there; switch it on to use them", unit, CustosSetting.ENABLED.key());
    }

    public static Message alreadyStarted(String unit) {
        return Message.of(4420, "Custos is already started for persistence unit %s; start it once per entity manager"
                + " factory (a second start would check and audit everything twice)", unit);
    }

    public static Message dataKeyUnavailable(String operation, SafeCause cause) {
        return Message.of(4421, "A data subject's data key could not be %s, so the CRYPTO_SHRED value cannot be"
                + " encrypted or decrypted and the operation fails: %s. Check that custos_subject_data_key exists"
                + " (schema version 5) and is reachable", operation, cause);
    }

    /** {@code row} as the audit trail names it, as in {@link #readRefused}. */
    public static Message writeWithoutPurposeConsent(String kind, String entity, String row, String purpose) {
        return Message.of(4520, "The %s of %s#%s under purpose \"%s\" is refused, and the transaction fails: the"
                + " policy pack says processing for that purpose needs the subject's consent, which is not in force"
                + " (see the reasons); record the consent with ConsentRegistry.give first", kind, entity, row,
                purpose);
    }

    public static Message writeRefused(String kind, String entity, String row) {
        return Message.of(4422, "The %s of %s#%s is refused by an access policy, and the transaction fails; see the"
                + " reasons", kind, entity, row);
    }

    public static Message policyFailed(String policy, SafeCause cause) {
        return Message.of(4423, "Access policy %s failed, so the access is denied (Custos fails closed): %s. An access"
                + " policy must answer permit or deny, never throw", policy, cause);
    }

    public static Message jtaWithoutTransactions() {
        return Message.of(4424, "The persistence unit uses JTA transactions, but Custos was started with resource-local"
                + " ones; in Jakarta EE add sdk-cdi, which starts Custos with the container's transactions, or pass"
                + " CustosJpa.setup(...).transactions(...)");
    }

    public static Message unitTransactionFailed(SafeCause cause) {
        return Message.of(4425, "A transaction of Custos' own failed and was rolled back: %s", cause);
    }

    public static Message unknownPurpose(String purpose, String known) {
        return Message.of(4426, "No attribute of the model needs consent for purpose \"%s\", so a consent for it"
                + " would permit nothing; use one of [%s], or declare it in @PersonalData(purpose = ...) of a"
                + " consent-based attribute, or of one processed for a purpose the pack marks"
                + " <purpose requires-consent=\"true\">", purpose, known);
    }

    public static Message notAssignedCaller(String entity, String rules, String citations) {
        return Message.of(4427, "This %s is kept under rule(s) [%s], which only the caller the record is assigned to"
                + " (its @AssignedCaller) may read or change, and the current caller is not that one (%s)", entity,
                rules, citations);
    }

    public static Message projectionRefused(String attributes) {
        return Message.of(4428, "The query selects %s, guarded personal data (consent-based, special-category or"
                + " only for the assigned caller), as values rather than entities, so no consent, access rule or"
                + " read audit can apply to it. Select the entity instead (SELECT n FROM ...), whose every load is"
                + " checked, or leave the guarded attributes out of the select list", attributes);
    }

    public static Message queryTranslatorReplaced(String unit, String translator, String setting) {
        return Message.of(4429, "Persistence unit %s translates queries with %s, so Custos cannot refuse projections"
                + " of guarded personal data, and it does not start. Remove the unit's %s property, which Custos sets"
                + " to the translator that checks projections", unit, translator, setting);
    }

    public static Message nullifyForbidden(String location, String strategy, String attribute, String constraint) {
        return Message.of(4430, "%s is erased by %s, which sets %s to null, but %s forbids null, so every erasure of"
                + " it would fail; use ANONYMIZE or DELETE_ROW, or make the column nullable", location, strategy,
                attribute, constraint);
    }

    public static Message uniqueFixedValue(String location, String type, String constraint) {
        return Message.of(4431, "%s is unique (%s), but ANONYMIZE writes the same %s to every row, so the second"
                + " erasure would fail; use NULLIFY or DELETE_ROW, or a String or UUID attribute, for which Custos"
                + " writes a distinct value per row", location, constraint, type);
    }

    public static Message noDerivableValue(String location, String constraints) {
        return Message.of(4432, "No text Custos can derive for %s satisfies its constraints (%s); give the text to"
                + " write with @PersonalData(replacement = \"...\"), with {token} in it for a unique column, or use"
                + " NULLIFY or DELETE_ROW", location, constraints);
    }

    public static Message replacementRefused(String location, String constraints) {
        return Message.of(4433, "The @PersonalData(replacement) of %s does not satisfy its constraints (%s), or lacks"
                + " {token} on a unique column; change it so that every row's text does", location, constraints);
    }

    public static Message replacementUnused(String location, String strategy) {
        return Message.of(4434, "%s sets @PersonalData(replacement), but it is erased by %s, which writes no"
                + " replacement; remove it, or use ANONYMIZE or PSEUDONYMIZE on a String attribute", location,
                strategy);
    }

    public static Message databaseUniqueUndeclared(String location, String column, String index) {
        return Message.of(4435, "%s is erased with a replacement value, and its column %s is unique in the database"
                + " (%s), which the mapping does not declare; declare @Column(unique = true) so that Custos writes a"
                + " distinct value per row", location, column, index);
    }

    public static Message databaseColumnShorter(String location, String column, String size, String mapped) {
        return Message.of(4436, "%s is erased with a replacement text, and its column %s holds at most %s characters"
                + " in the database, fewer than the %s the mapping allows; declare @Column(length = %s) so that the"
                + " text fits", location, column, size, mapped, size);
    }

    public static Message derivedValueRefused(String location, String constraints) {
        return Message.of(4437, "The value derived to erase %s does not satisfy its constraints (%s), so the erasure"
                + " fails and the row keeps its values; set @PersonalData(replacement = \"...\")", location,
                constraints);
    }

    public static Message maskedWriteRefused(String entity, String row, String attributes) {
        return Message.of(4450, "The update of %s#%s is refused, and the transaction fails: it sets [%s], which were"
                + " masked when the entity was read because the caller may not process them under the purpose in"
                + " effect (see the reasons). Leave a masked attribute as it is (null) to keep its stored value, or"
                + " change it under a purpose the subject consented to", entity, row, attributes);
    }

    public static Message validationNotMaskAware(String unit, SafeCause cause) {
        return Message.of(4451, "Persistence unit %s validates entities with Bean Validation, and Custos cannot keep"
                + " masked attributes out of that validation (%s), so saving an entity read with masks would fail"
                + " their constraints. Use EclipseLink 4.0 or 5.0 or Hibernate ORM 6.6 or 7.4, or switch the unit's"
                + " lifecycle validation off (<validation-mode>NONE</validation-mode>) and validate in the application",
                unit, cause);
    }

    // ids 04500-04519: purpose limitation of every attribute, and roles that see no content

    public static Message noContentRole(String role) {
        return Message.of(4500, "Callers in role %s see no personal data: Custos refuses them every annotated"
                + " attribute, whatever the purpose (setting custos.roles.no-content). An auditor reads the audit"
                + " trail (AuditService), not the data", role);
    }

    /** {@code row} as the audit trail names it, as in {@link #readRefused}. */
    public static Message readRefusedNoContent(String entity, String row, String role) {
        return Message.of(4501, "Reading %s#%s is refused: the caller is in role %s, which sees no personal data"
                + " (setting custos.roles.no-content); see the audit trail instead", entity, row, role);
    }

    /** {@code row} as the audit trail names it, as in {@link #readRefused}. */
    public static Message writeRefusedNoContent(String kind, String entity, String row, String role) {
        return Message.of(4502, "The %s of %s#%s is refused, and the transaction fails: the caller is in role %s,"
                + " which sees no personal data and changes none (setting custos.roles.no-content)", kind, entity,
                row, role);
    }

    /** {@code row} as the audit trail names it, as in {@link #readRefused}. */
    public static Message readRefusedForPurpose(String entity, String row, String attributes) {
        return Message.of(4503, "Reading %s#%s is refused: the caller may not process [%s] under the purpose in"
                + " effect; see the reasons, and run the read under a purpose those attributes declare", entity, row,
                attributes);
    }

    public static Message sensitiveWithoutPurpose(String attribute, String purposes) {
        return Message.of(4504, "%s is special-category data and no processing purpose is in effect; open one of"
                + " [%s] with ProcessingContext.open(...) or @ProcessingPurpose", attribute, purposes);
    }

    /** {@code row} as the audit trail names it, as in {@link #readRefused}. */
    public static Message writeRefusedForPurpose(String kind, String entity, String row, String attributes) {
        return Message.of(4505, "The %s of %s#%s is refused, and the transaction fails: it writes [%s], which the"
                + " caller may not process under the purpose in effect; see the reasons, and write under a purpose"
                + " those attributes declare", kind, entity, row, attributes);
    }

    public static Message projectionRefusedNoContent(String attributes, String role) {
        return Message.of(4506, "The query selects %s, personal data, for a caller in role %s, which sees no personal"
                + " data (setting custos.roles.no-content); leave personal data out of the select list", attributes,
                role);
    }

    public static Message writtenWithoutConsent(String attributes, String reasons) {
        return Message.of(4508, "Written without the subject's consent in force for [%s] (%s): allowed, as data is"
                + " often collected before or with its consent, and read only once the consent is given", attributes,
                reasons);
    }

    public static Message projectionRefusedForPurpose(String attributes, String purpose) {
        return Message.of(4507, "The query selects %s as values under purpose \"%s\", which they do not declare;"
                + " run it under a purpose they declare, or leave them out of the select list", attributes, purpose);
    }

    // ids 04570-04579: writes of special-category data

    /** {@code row} as the audit trail names it, as in {@link #readRefused}. */
    public static Message writeRefusedWithoutPurpose(String kind, String entity, String row, String attributes) {
        return Message.of(4570, "The %s of %s#%s is refused, and the transaction fails: it writes [%s],"
                + " special-category data, with no processing purpose in effect; see the reasons, and write under a"
                + " purpose those attributes declare (ProcessingContext.open(...) or @ProcessingPurpose)", kind,
                entity, row, attributes);
    }

    // ids 04560-04569: erasure statements

    public static Message erasureStatementFailed(String entity, String rows, String strategy, SafeCause cause) {
        return Message.of(4560, "Erasing %s row(s) of %s by %s failed in the database and was rolled back: %s."
                + " A constraint of the table refuses the erased values (the cause names it): let the column take"
                + " them, or declare an erasure strategy the constraint allows", rows, entity, strategy, cause);
    }

    public static Message subjectTracesFailed(SafeCause cause) {
        return Message.of(4561, "The restrictions of an erased subject could not be pseudonymised, so the erasure"
                + " was rolled back: %s. Check that custos_restriction is reachable and run the erasure again", cause);
    }

    // ids 04490-04499: settings and logging

    public static Message invalidLogLevel(String key, String value) {
        return Message.of(4490, "%s=\"%s\" is not a log level Custos knows; use OFF, DEBUG, INFO or WARNING", key,
                value);
    }

    public static Message signingKeyUnreadable(String key, String path, SafeCause cause) {
        return Message.of(4491, "%s=%s cannot be read as an Ed25519 private key (PKCS#8, PEM or DER): %s. Generate"
                + " one with `openssl genpkey -algorithm ed25519 -out FILE`, make it readable by the server's"
                + " account only, or set %s=none to sign no checkpoint", key, path, cause, key);
    }

    public static Message checkpointSigningFailed(SafeCause cause) {
        return Message.of(4492, "Signing the chains' checkpoints failed and none was stored: %s. Check that"
                + " CustosSchema.migrate ran on this database (custos_checkpoint, schema version 10) and that the"
                + " application's account may INSERT into it, then sign again", cause);
    }

    public static Message invalidClocks(String count) {
        return Message.of(4530, "The @DerivedClock annotations have %s problem(s) with the persistence mapping; fix"
                + " them all and redeploy", count);
    }

    public static Message clockEntityNotMapped(String location, String entity) {
        return Message.of(4531, "%s: %s is not an entity of this persistence unit, so its rows cannot be read; list"
                + " it in the unit or derive the clock from an entity that is", location, entity);
    }

    public static Message clockSegmentNotPersistent(String location, String attribute) {
        return Message.of(4532, "%s: %s is not a persistent attribute (transient, or not mapped), so no query can"
                + " follow it; derive the clock through mapped relations and attributes", location, attribute);
    }

    public static Message unknownHoldReason(String reasonId, String packId, String known) {
        return Message.of(4550, "Policy pack \"%s\" has no hold reason \"%s\"%s, so no hold was placed: a hold must"
                + " rest on a reason the pack cites; use one of [%s], or add the reason to the pack", packId, reasonId,
                dev.custos.core.internal.text.Spelling.hint(reasonId, java.util.List.of(known.split(", "))), known);
    }

    public static Message hibernateVersionUnknown(String unit, String version, String supported) {
        return Message.of(4452, "Persistence unit %s runs on Hibernate ORM %s, a version Custos does not know: its"
                + " hooks use Hibernate's event and persistence-context SPI, which change between versions, and are"
                + " tested on Hibernate ORM %s. Run the unit on a supported Hibernate ORM, or on EclipseLink 4.0 or"
                + " 5.0", unit, version, supported);
    }

    public static Message hibernateShapeUnknown(String unit, String version, String member, String failures) {
        return Message.of(4480, "Persistence unit %s runs on Hibernate ORM %s, which has %s in none of the shapes"
                + " Custos knows from Hibernate ORM 6.6 and 7 (%s), so Custos' hooks could not audit or check its"
                + " writes. Run the unit on Hibernate ORM 6.6 or 7.4, or on EclipseLink 4.0 or 5.0", unit, version,
                member, failures);
    }

    public static Message eclipseLinkShapeUnknown(String unit, String version, String members) {
        return Message.of(4481, "Persistence unit %s runs on EclipseLink %s, which has %s in none of the shapes Custos"
                + " knows from EclipseLink 4.0 and 5.0, so Custos' hooks could not audit or check its writes. Run the"
                + " unit on EclipseLink 4.0 or 5.0, or on Hibernate ORM 6.6 or 7", unit, version, members);
    }

    public static Message holdsFailed(SafeCause cause) {
        return Message.of(4551, "Storing a legal hold and its audit record failed: %s. Nothing was stored; check"
                + " that CustosSchema.migrate ran on this database, and try again", cause);
    }

    // ids 04580-04589: erasures the provider runs

    public static Message erasureThroughProvider(String entity, String provider) {
        return Message.of(4580, "Erasures of %s go through %s's own bulk statement, as its mapping (soft delete, a"
                + " table per concrete class, an id of several columns, a non-column attribute, or on a delete a"
                + " unidirectional one-to-many, the inverse side of a many-to-many or a collection in an embeddable)"
                + " cannot be written over JDBC: should the database refuse one, %s may log the refused row's values."
                + " Map the entity otherwise, or turn the provider's exception logging down (see the operations"
                + " guide)", entity, provider, provider);
    }

    public static Message invalidSettings(String count) {
        return Message.of(4438, "%s setting(s) of Custos are missing or invalid; fix each:", count);
    }

    public static Message invalidSetting(String key, String value, String expected) {
        return Message.of(4439, "Setting %s=\"%s\" is invalid: expected %s", key, value, expected);
    }

    public static Message cannotStart(String unit, String count) {
        return Message.of(4440, "Custos cannot start for persistence unit %s: %s problem(s), each below:", unit, count);
    }

    public static Message switchedOff(String unit) {
        return Message.of(4441, "Custos is switched off for persistence unit %s (%s=false): it checks, audits, erases"
                + " and sweeps nothing there", unit, CustosSetting.ENABLED.key());
    }

    public static Message clearedOutsideEntityManager(String entity, String attribute) {
        return Message.of(4442, "%s.%s can only be cleared on an entity the entity manager manages: Custos knows"
                + " what it masked only there; find or merge the entity first", entity, attribute);
    }

    public static Message lookAheadUnavailable(SafeCause failure) {
        return Message.of(4595, "This Hibernate ORM lacks what Custos needs to decide a query result's rows together"
                + " (%s); from now on each row is decided, and its read audited, at its own post-load event. Reads"
                + " stay checked; use Hibernate ORM 6.6 or 7.4 for one audit transaction per result", failure);
    }

    public static Message prefetchFailed(String entity, SafeCause cause) {
        return Message.of(4596, "Looking up the restrictions and consents of a query result's subjects (%s) at once"
                + " failed: %s. Each row now looks them up on its own, and is refused with the reason if that"
                + " fails too", entity, cause);
    }

    public static Message schemaBehind(String unit, String found, String needed) {
        return Message.of(4533, "Custos is not ready for persistence unit %s: its schema is at version %s, this"
                + " release needs version %s; apply the missing migrations (custos.schema.migrate, or the DDL for DBAs)",
                unit, found, needed);
    }

    public static Message schemaUnreadable(String unit, SafeCause cause) {
        return Message.of(4534, "Custos is not ready for persistence unit %s: its schema version cannot be read: %s",
                unit, cause);
    }

    public static Message packUnreadable(String unit, SafeCause cause) {
        return Message.of(4535, "Custos is not ready for persistence unit %s: its policy pack cannot be read: %s",
                unit, cause);
    }

    public static Message chainHeadUnreadable(String unit, String chain, SafeCause cause) {
        return Message.of(4536, "Custos is not ready for persistence unit %s: the head of audit chain %s cannot be"
                + " read: %s", unit, chain, cause);
    }
}
