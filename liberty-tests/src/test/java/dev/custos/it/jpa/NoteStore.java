// SPDX-License-Identifier: Apache-2.0
package dev.custos.it.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** Writes and reads notes, each call in its own JTA transaction with a transaction-scoped persistence context. */
@ApplicationScoped
public class NoteStore {

    @PersistenceContext(unitName = "notes")
    EntityManager em;

    @Transactional
    public long add(Note note) {
        em.persist(note);
        em.flush();
        return note.id;
    }

    @Transactional
    public Note find(long id) {
        return em.find(Note.class, id);
    }

    @Transactional
    public boolean joinsTheTransaction() {
        return em.isJoinedToTransaction();
    }
}
