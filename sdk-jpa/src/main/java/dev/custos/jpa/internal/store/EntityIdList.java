// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.store;

import java.util.ArrayList;
import java.util.List;

/**
 * The rows a read-audit record names in its {@code entity_id} (schema version 11): their ids, each written with
 * {@code \} before every {@code \} and {@code ,} it holds, separated by commas, so that any id survives the round
 * trip. A record of one row holds that row's id alone, as records written before version 11 do. The list is part
 * of the record's hashed content like any other text, so a changed list breaks the chain. Stateless.
 */
public final class EntityIdList {

    /** Characters one record's list holds at most; a longer list is split over several records. */
    public static final int MAX_CHARS = 30_000;

    private EntityIdList() {
    }

    /**
     * {@code ids} as lists of at most {@link #MAX_CHARS} characters each, in their order: one list unless one
     * subject's rows in one result name more than that. An id longer than the limit alone is its own list (the
     * column holds it: an entity id is far shorter).
     */
    public static List<String> lists(List<String> ids) {
        List<String> lists = new ArrayList<>(1);
        StringBuilder list = new StringBuilder();
        for (String id : ids) {
            String escaped = escape(id);
            if (list.length() > 0 && list.length() + 1 + escaped.length() > MAX_CHARS) {
                lists.add(list.toString());
                list.setLength(0);
            }
            if (list.length() > 0) {
                list.append(',');
            }
            list.append(escaped);
        }
        lists.add(list.toString());
        return lists;
    }

    /** The ids a stored {@code entity_id} names: its one id for a record of one row. */
    public static List<String> ids(String entityId) {
        List<String> ids = new ArrayList<>();
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < entityId.length(); i++) {
            char c = entityId.charAt(i);
            if (c == '\\' && i + 1 < entityId.length()) {
                id.append(entityId.charAt(++i));
            } else if (c == ',') {
                ids.add(id.toString());
                id.setLength(0);
            } else {
                id.append(c);
            }
        }
        ids.add(id.toString());
        return ids;
    }

    private static String escape(String id) {
        if (id.indexOf('\\') < 0 && id.indexOf(',') < 0) {
            return id;
        }
        StringBuilder escaped = new StringBuilder(id.length() + 4);
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c == '\\' || c == ',') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
