// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.policy;

/** The fixed prose of the policy reference ({@link PolicyReference}): how to choose a pack and write one. */
final class PolicyReferenceText {

    private PolicyReferenceText() {
    }

    static final String CHOOSING_A_PACK = """
            Which pack to choose: `dk` and `no` are written for the two model clinics (a Danish psychology
            practice and a Norwegian therapy practice) and hold those countries' health-record and bookkeeping
            duties. Any other controller in the EU or EEA, whatever its domain (a gym, a shop, a school), starts
            from `gdpr`: the Regulation alone, with request deadlines (Art. 12(3)), the age of digital consent (16,
            Art. 8(1)), consent-based rules and the legal-claims hold, and no national duty to keep anything. Under
            any pack an attribute may state its own period (`retention = "P3Y after last-visit"`) instead of naming
            a rule of the pack; what national law makes a duty to keep goes into a pack of your own that extends
            `gdpr` ([Extending a pack](#extending-a-pack)).
            """;

    static final String WRITING_A_PACK = """

            <a id="writing-a-pack"></a>
            ## Writing a pack

            A pack with id `xx` is the file `META-INF/custos/packs/xx.xml` on the class path (or any file read
            with `PolicyPacks.read(Path)`); select it with the `custos.pack` setting. No Custos code changes.
            The schema is `META-INF/custos/policy-pack-1.xsd` inside `sdk-core`; point your editor at it for
            completion. Custos reads the file when the application starts and reports every mistake at once,
            each with its line and a message id (see [errors](errors.md), ids 01200-01399).

            ```xml
            <policy-pack xmlns="urn:custos:policy-pack:1" id="xx" jurisdiction="SE" zone="Europe/Stockholm"
                         fiscal-year-end="12-31">
              <name>Sweden</name>
              <source id="gdpr" title="Regulation (EU) 2016/679 (GDPR)"/>
              <source id="bfl" title="Bokföringslagen (1999:1078)"/>
              <requests promised-within="P30D">            <!-- optional: a promise shorter than the legal month -->
                <cite source="gdpr" ref="Art. 12(3)" verified="true"/>
              </requests>
              <rule id="bookkeeping" basis="LEGAL_OBLIGATION" retention="P7Y after fiscal-year-end"
                    duty-to-keep="true" exemption="LEGAL_OBLIGATION">
                <title>Accounting records</title>
                <cite source="bfl" ref="7 kap. 2 §" verified="false" note="not checked against the official text"/>
              </rule>
              <hold-reason id="legal-claims">
                <title>A legal claim is pending</title>
                <cite source="gdpr" ref="Art. 17(3)(e)" verified="true"/>
              </hold-reason>
              <overridable name="fiscal-year-end"/>        <!-- optional: a value a deployment may set -->
            </policy-pack>
            ```

            | Attribute | Meaning |
            |---|---|
            | `retention` | `P5Y` (from the record's anchor), `P1Y after last-purchase` (from a named anchor event or derived clock), `P5Y after fiscal-year-end` (optionally `of <event>`), or `until-consent-withdrawn`; a period may end in `at next --01-31` or `at next <setting>` (see [Retention grammar](#retention-grammar)) |
            | `basis`, `condition` | the GDPR Art. 6(1) basis and Art. 9(2) condition the law gives (enum names, as in `LegalBasis` and `SpecialCategoryCondition`); an entity field using the rule must declare the same basis |
            | `duty-to-keep`, `exemption` | whether keeping the data until the period ends is a legal duty, which refuses erasure requests meanwhile, and the GDPR Art. 17(3) point that says so |
            | `on-due` | `ERASE` (default): the sweep erases due data; `REVIEW`: it lists due data for a person to decide |
            | `cite` | a source declared with `<source>`, the place in it (`ref`), and the required `verified`: `"true"` when the reference was checked against the source, `"false"` with a `note` saying what was not checked |
            | `overridable` | optional, last: `name` is `fiscal-year-end`, a setting whose value is a day of the year (`--01-31`), or a rule with a period, with `min` and `max` periods for a rule; a deployment may then set that value (see [Deployment overrides](#deployment-overrides)) |
            | `audit-identity` | optional, after the hold reasons: `kept-for="P2Y"` keeps an erased subject's pseudonym key, and so the audit trail's link to the person, for that period after the erasure (the retention sweep destroys it then), with the `cite`s that require it and an optional `note`; without it the key is destroyed at erasure |
            | `purpose` | after the settings: what the law attaches to processing for a purpose named as the model names it (`@PersonalData(purpose = ...)`), whatever the data's basis: `requires-consent="true"` checks every read and write for the purpose against the consent ledger, `written-consent="true"` refuses a consent recorded without written evidence, `information-society-service="true"` refuses a consent without an age band at or above the `digital-consent-age` setting or a parental authorisation (GDPR Art. 8; `CUSTOS-02033`, `CUSTOS-02034`); with a `title`, `cite`s and an optional `note`. A pack with an information society service needs a `digital-consent-age` from 13 to 16 (`CUSTOS-01281`, `CUSTOS-01282`) |
            | `refusal` | optional, after `note`, only with `duty-to-keep`: the `cite`s an erasure refusal names instead of all of the rule's (the duty and the Art. 17(3) point, say), and an optional `<route hold="...">` with a `<text>` and its `cite`s: what the subject can still do to have the data deleted, and the hold reason (of the pack or its base) that starting the route places; a route naming an unknown hold reason is refused (`CUSTOS-01312`), a refusal without a duty too (`CUSTOS-01311`) |
            | `seed`, `note` | where the controller's own policy differs from the law, the bare difference (period, clock, basis) in your own words; and anything else an auditor needs. Each appears at most once per rule |

            <a id="extending-a-pack"></a>
            ### Extending a pack

            A controller's own pack usually starts from `gdpr` and adds what its national law requires. With
            `extends="gdpr"` the pack has everything `gdpr` has, may cite its sources (here `gdpr`) without
            declaring them, and adds its own sources, settings, purposes, rules and hold reasons; one with the id of an
            inherited one replaces it, which is how a country that lowered the age of digital consent says so.
            `<requests>`, `<audit-identity>` and `fiscal-year-end` replace the inherited ones when the pack states
            them. `name`, `jurisdiction` and `zone` are always the pack's own. The base is any pack on the class
            path, built in or your own, which may itself extend another; a pack that leads back to itself is
            refused (`CUSTOS-01252`), and a base that cannot be loaded is reported with the line that names it
            (`CUSTOS-01251`).

            ```xml
            <policy-pack xmlns="urn:custos:policy-pack:1" id="gym" extends="gdpr" jurisdiction="SE"
                         zone="Europe/Stockholm">
              <name>Sweden: a gym's members</name>
              <source id="bfl" title="Bokföringslagen (1999:1078)"/>
              <source id="dsl" title="Lag (2018:218) med kompletterande bestämmelser till EU:s dataskyddsförordning"/>
              <setting name="digital-consent-age" value="13">
                <cite source="dsl" ref="2 kap. 4 §" verified="false" note="not checked against the official text"/>
                <cite source="gdpr" ref="Art. 8(1)" verified="true"/>
              </setting>
              <rule id="bookkeeping" basis="LEGAL_OBLIGATION" retention="P7Y after fiscal-year-end"
                    duty-to-keep="true" exemption="LEGAL_OBLIGATION">
                <title>Membership fees and invoices</title>
                <cite source="bfl" ref="7 kap. 2 §" verified="false" note="not checked against the official text"/>
                <cite source="gdpr" ref="Art. 6(1)(c), Art. 17(3)(b)" verified="true"/>
              </rule>
              <rule id="membership" basis="CONTRACT" retention="P1Y after membership-end">
                <title>Members' contact details and visits</title>
                <cite source="gdpr" ref="Art. 6(1)(b)" verified="true"/>
              </rule>
            </policy-pack>
            ```

            Under this pack `policy:newsletter` and the `legal-claims` hold come from `gdpr`, `policy:bookkeeping`
            and `policy:membership` from the pack itself, and `digital-consent-age` is 13.
            
            <a id="retention-grammar"></a>
            ### Retention grammar

            The same grammar is written in a pack's `retention` and in `@PersonalData(retention = ...)`:

            | Form | Meaning |
            |---|---|
            | `P5Y` | an ISO-8601 period (years, months, weeks, days) from the row's only clock |
            | `P1Y after last-purchase` | from the clock of the named event: a `@RetentionAnchor(event = ...)` attribute or a `@DerivedClock(event = ...)` of the entity |
            | `P5Y after fiscal-year-end` | from the first day after the end of the fiscal year that holds the clock's date |
            | `P5Y after fiscal-year-end of invoice-date` | the same, from the named clock (an entity with several clocks names one in every rule) |
            | `P3Y after last-visit at next --01-31` | at the start of the first 31 January (in the pack's zone) that does not come before the period's end: "deleted at the next yearly review" |
            | `P0D after unsubscribed at next privacy-review-day` | the same, on the day the pack's setting `privacy-review-day` holds (`--MM-DD`); the pack may let a deployment set its own day |
            | `until-consent-withdrawn` | while consent for the data's purposes stands |
            | `policy:journal` | (annotations only) the pack's rule `journal` |
            | `policy:bookkeeping of invoice-date` | (annotations only) the pack's rule, run from the named clock, for an entity with several clocks; the rule must be a period that names no other event (`CUSTOS-01291`) |

            A setting named by `at next` must exist and hold a day of the year: `CUSTOS-01292` in a pack,
            `CUSTOS-01062` in an annotation; a malformed day is `CUSTOS-01130`.

            <a id="deployment-overrides"></a>
            ### Deployment overrides

            Some values are the controller's to choose, within what the law allows: its fiscal year's end, the day
            of its yearly privacy review, how long it keeps job applications. A pack marks them with
            `<overridable>` (last in the file), and a deployment sets them with `custos.pack.override.<name>`:
            a persistence-unit property, or under CDI a MicroProfile Config setting (or system property), which
            wins over the unit's property of the same name.

            The example pack above lets a deployment set its fiscal year's end with
            `<overridable name="fiscal-year-end"/>`; `<overridable name="privacy-review-day"/>` offers a setting
            holding a day of the year, and `<overridable name="job-applicant" min="P0D" max="P3Y"/>` a rule's
            period within limits.

            ```properties
            custos.pack.override.fiscal-year-end=06-30
            custos.pack.override.job-applicant=P1Y
            ```

            A rule's override replaces its period and keeps its clock (`P1Y after recruitment-end`). The unit does
            not start when an override names a value the pack does not let be overridden (`CUSTOS-01293`), a
            name the pack does not have (`CUSTOS-01294`, with the nearest name), a malformed value
            (`CUSTOS-01295`) or a period outside the limits (`CUSTOS-01296`); all are reported together under
            `CUSTOS-01297`. An `<overridable>` that names nothing overridable, or whose limits leave out the
            pack's own value, is a mistake in the pack (`CUSTOS-01298`).
            """;
}
