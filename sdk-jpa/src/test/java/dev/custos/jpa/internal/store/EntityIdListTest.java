// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EntityIdListTest {

    @Test
    void anyIdSurvivesTheList() {
        List<String> ids = List.of("1", "a,b", "c\\d", "", "\\", ",", "e\\,f");
        List<String> lists = EntityIdList.lists(ids);

        assertThat(lists).hasSize(1);
        assertThat(EntityIdList.ids(lists.get(0))).containsExactlyElementsOf(ids);
    }

    @Test
    void oneIdIsStoredAsARecordOfBeforeVersion11HoldsIt() {
        assertThat(EntityIdList.lists(List.of("42"))).containsExactly("42");
        assertThat(EntityIdList.ids("42")).containsExactly("42");
    }

    @Test
    void aLongListIsSplitAtTheLimitKeepingEveryIdInOrder() {
        List<String> ids = IntStream.range(0, 10_000).mapToObj(i -> "row-" + i).toList();
        List<String> lists = EntityIdList.lists(ids);

        assertThat(lists).hasSizeGreaterThan(1);
        assertThat(lists).allSatisfy(list -> assertThat(list.length()).isLessThanOrEqualTo(EntityIdList.MAX_CHARS));
        assertThat(lists.stream().flatMap(list -> EntityIdList.ids(list).stream()).toList())
                .containsExactlyElementsOf(ids);
    }
}
