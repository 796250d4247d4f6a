// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.metadata;

import dev.custos.core.CustosDefinitionException;
import dev.custos.core.CustosException;
import dev.custos.core.Message;
import dev.custos.core.annotation.AssignedCaller;
import dev.custos.core.annotation.DataSubject;
import dev.custos.core.annotation.DerivedFrom;
import dev.custos.core.annotation.ErasureStrategy;
import dev.custos.core.annotation.PersonalData;
import dev.custos.core.annotation.RetentionAnchor;
import dev.custos.core.gdpr.LegalBasis;
import dev.custos.core.policy.PolicyPack;
import dev.custos.core.policy.RuleAccess;
import dev.custos.core.policy.PolicyRule;
import dev.custos.core.retention.RetentionSpec;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads and validates the Custos annotations of entity classes into a {@link DataModel}, resolving
 * retention rules against the active policy pack. It reports every problem of every class at once in
 * a {@link CustosDefinitionException}, so one deployment shows all there is to fix; the CDI and JPA
 * layers call it when the persistence unit starts. Not thread-safe; use one reader per model.
 */
public final class ModelReader {

    private static final List<Class<? extends Annotation>> CUSTOS_ANNOTATIONS =
            List.of(PersonalData.class, DataSubject.class, RetentionAnchor.class, DerivedFrom.class,
                    AssignedCaller.class);

    private final PolicyPack pack;
    private final MemberCheck memberCheck;
    private final List<Message> problems = new ArrayList<>();
    private final AnchorReader anchorReader = new AnchorReader(problems);

    private ModelReader(PolicyPack pack, MemberCheck memberCheck) {
        this.pack = pack;
        this.memberCheck = memberCheck;
    }

    /** Reads {@code types}, naming each entity by its simple class name. */
    public static DataModel read(Collection<? extends Class<?>> types, PolicyPack pack) {
        return read(types, Class::getSimpleName, pack);
    }

    /**
     * Reads {@code types}; classes without Custos annotations are left out of the model.
     *
     * @param entityName the entity name of each class, as the persistence provider knows it
     * @throws CustosDefinitionException listing every problem found
     */
    public static DataModel read(Collection<? extends Class<?>> types, Function<Class<?>, String> entityName,
                                 PolicyPack pack) {
        return read(types, entityName, pack, MemberCheck.NONE);
    }

    /**
     * Reads {@code types} as above, also running {@code memberCheck} on every annotated attribute.
     *
     * @throws CustosDefinitionException listing every problem found, the check's included
     */
    public static DataModel read(Collection<? extends Class<?>> types, Function<Class<?>, String> entityName,
                                 PolicyPack pack, MemberCheck memberCheck) {
        ModelReader reader = new ModelReader(pack, memberCheck);
        List<EntityModel> entities = new ArrayList<>();
        Set<Class<?>> seen = new HashSet<>();
        for (Class<?> type : types) {
            if (!seen.add(type)) {
                reader.problems.add(ModelMessages.duplicateEntity(type.getName()));
                continue;
            }
            reader.entity(type, entityName.apply(type)).ifPresent(entities::add);
        }
        if (!reader.problems.isEmpty()) {
            throw new CustosDefinitionException(
                    ModelMessages.invalidModel(String.valueOf(reader.problems.size())), reader.problems);
        }
        return new DataModel(pack, entities);
    }

    private Optional<EntityModel> entity(Class<?> type, String name) {
        List<AnnotatedMember> members = AnnotatedMember.of(type);
        for (AnnotatedMember member : members) {
            for (Class<? extends Annotation> annotation : CUSTOS_ANNOTATIONS) {
                if (member.annotation(annotation) != null) {
                    problems.addAll(memberCheck.checkAll(type, member.name(), annotation));
                }
            }
        }
        List<AnnotatedMember> personal = members.stream().filter(m -> m.annotation(PersonalData.class) != null).toList();
        List<AnnotatedMember> subjects = members.stream().filter(m -> m.annotation(DataSubject.class) != null).toList();
        if (personal.isEmpty()) {
            return Optional.empty();
        }
        String entity = type.getName();
        String subjectAttribute = "";
        String subjectCategory = name;
        if (subjects.isEmpty()) {
            problems.add(ModelMessages.missingDataSubject(entity));
        } else if (subjects.size() > 1) {
            problems.add(ModelMessages.multipleDataSubjects(entity, names(subjects)));
        } else {
            AnnotatedMember subject = subjects.get(0);
            subjectAttribute = subject.name();
            String category = subject.annotation(DataSubject.class).category().strip();
            subjectCategory = category.isEmpty() ? name : category;
            if (Collection.class.isAssignableFrom(subject.type()) || Map.class.isAssignableFrom(subject.type())
                    || subject.type().isArray()) {
                problems.add(ModelMessages.collectionSubject(location(type, subject)));
            }
        }
        Map<String, String> anchors = anchorReader.anchors(type, members);
        Map<String, DerivedClockModel> clocks = DerivedClocks.read(type, anchors.keySet(), problems);
        Map<String, String> clockStarts = new LinkedHashMap<>(anchors);
        clocks.values().forEach(c -> clockStarts.put(c.event(), c.anchorName()));
        Map<String, List<String>> derived = derived(type, members, personal);
        List<PersonalDataAttribute> attributes = new ArrayList<>();
        for (AnnotatedMember member : personal) {
            attribute(type, member, clockStarts, derived).ifPresent(attributes::add);
        }
        checkDeleteRow(entity, attributes);
        String assignedCaller = assignedCaller(type, members, attributes);
        return Optional.of(new EntityModel(type, name, subjectAttribute, subjectCategory, anchors, attributes,
                derived, assignedCaller, clocks));
    }

    private Optional<PersonalDataAttribute> attribute(Class<?> type, AnnotatedMember member,
                                                      Map<String, String> anchors,
                                                      Map<String, List<String>> derived) {
        PersonalData data = member.annotation(PersonalData.class);
        String location = location(type, member);
        int before = problems.size();
        AttributeChecks.check(data, location, problems);
        String problem = ErasureTypes.problem(data.erasure(), member.type());
        if (!problem.isEmpty()) {
            problems.add(ModelMessages.unsupportedErasureType(location, data.erasure().name(),
                    member.type().getSimpleName(), problem));
        }
        PolicyRule rule;
        RetentionSpec spec;
        try {
            spec = RetentionSpec.parse(data.retention(), location);
            rule = pack.resolve(spec, data.basis(), data.condition(), location);
        } catch (CustosException e) {
            problems.add(e.detail());
            return Optional.empty();
        }
        boolean packRule = spec.kind() == RetentionSpec.Kind.POLICY_RULE;
        if (!packRule && data.basis() == LegalBasis.LEGAL_OBLIGATION) {
            problems.add(ModelMessages.legalObligationWithoutPackRule(location, data.retention()));
        }
        if (rule.retention().kind() == RetentionSpec.Kind.UNTIL_CONSENT_WITHDRAWN && !AttributeChecks.consentBased(data)) {
            problems.add(ModelMessages.untilWithdrawnWithoutConsent(location, data.basis().name()));
        }
        if (packRule && rule.basis() != data.basis()) {
            problems.add(ModelMessages.basisDiffersFromRule(location, data.basis().name(), rule.id(),
                    rule.basis().name()));
        }
        if (packRule && rule.condition() != data.condition()) {
            problems.add(ModelMessages.conditionDiffersFromRule(location, data.condition().name(), rule.id(),
                    rule.condition().name()));
        }
        rule.retention().next().filter(day -> pack.monthDay(day).isEmpty()).ifPresent(day ->
                problems.add(ModelMessages.unknownNextDate(location, data.retention(), day, pack.id())));
        String anchor = anchorReader.anchorFor(rule, anchors, location, data.retention());
        if (problems.size() > before) {
            return Optional.empty();
        }
        List<String> copies = derived.entrySet().stream()
                .filter(e -> e.getValue().contains(member.name())).map(Map.Entry::getKey).sorted().toList();
        return Optional.of(new PersonalDataAttribute(member.name(), member.type(), data.category(), data.basis(),
                data.condition(), rule, anchor, List.of(data.purpose()), data.erasure(), data.providedBySubject(),
                data.directMarketing(), data.whenDenied(), copies));
    }

    /**
     * The {@code @AssignedCaller} attribute, required where a rule limits access to the assigned caller; "" if the
     * entity has none.
     */
    private String assignedCaller(Class<?> type, List<AnnotatedMember> members, List<PersonalDataAttribute> attributes) {
        List<AnnotatedMember> marked = members.stream().filter(m -> m.annotation(AssignedCaller.class) != null).toList();
        List<String> limited = attributes.stream().filter(a -> a.rule().access() == RuleAccess.ASSIGNED_CALLER)
                .map(a -> a.rule().id()).distinct().toList();
        if (marked.size() > 1) {
            problems.add(ModelMessages.multipleAssignedCallers(type.getName(), names(marked)));
            return "";
        }
        if (marked.isEmpty()) {
            if (!limited.isEmpty()) {
                problems.add(ModelMessages.missingAssignedCaller(type.getName(), String.join(", ", limited)));
            }
            return "";
        }
        AnnotatedMember member = marked.get(0);
        if (member.type() != String.class) {
            problems.add(ModelMessages.assignedCallerType(location(type, member), member.type().getSimpleName()));
            return "";
        }
        return member.name();
    }

    private Map<String, List<String>> derived(Class<?> type, List<AnnotatedMember> members,
                                              List<AnnotatedMember> personal) {
        Set<String> personalNames = new HashSet<>(personal.stream().map(AnnotatedMember::name).toList());
        Map<String, List<String>> derived = new LinkedHashMap<>();
        for (AnnotatedMember member : members) {
            DerivedFrom from = member.annotation(DerivedFrom.class);
            if (from == null) {
                continue;
            }
            for (String source : from.value()) {
                if (!personalNames.contains(source)) {
                    problems.add(ModelMessages.derivedFromUnknown(location(type, member), source));
                }
            }
            derived.put(member.name(), List.of(from.value()));
        }
        return derived;
    }

    private void checkDeleteRow(String entity, List<PersonalDataAttribute> attributes) {
        boolean deletesRows = attributes.stream().anyMatch(a -> a.erasure() == ErasureStrategy.DELETE_ROW);
        Set<String> rules = new TreeSet<>(attributes.stream().map(a -> a.rule().id()).toList());
        if (deletesRows && rules.size() > 1) {
            problems.add(ModelMessages.deleteRowWithMixedRules(entity, String.join(", ", rules)));
        }
    }

    static String location(Class<?> type, AnnotatedMember member) {
        return type.getName() + "." + member.name();
    }

    private static String names(List<AnnotatedMember> members) {
        return String.join(", ", members.stream().map(AnnotatedMember::name).toList());
    }
}
