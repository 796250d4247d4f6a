// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.hibernate;

import dev.custos.core.CustosException;
import dev.custos.jpa.internal.JpaMessages;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.Version;
import org.hibernate.action.spi.AfterTransactionCompletionProcess;
import org.hibernate.action.spi.BeforeTransactionCompletionProcess;
import org.hibernate.engine.spi.ActionQueue;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.event.spi.AbstractEvent;
import org.hibernate.event.spi.EventSource;

/**
 * The members Custos' hooks use whose signatures differ between Hibernate ORM 6.6 and 7, each found once when a
 * unit starts in the shape the Hibernate on the class path has. sdk-jpa is compiled against 6.6 alone, so one jar
 * serves both lines; a call compiled to 6.6's signature would fail on 7 with a {@link NoSuchMethodError} at the
 * first write. The points (the Bean Validation listener's fields are the third, {@link HibernateValidationMasks}):
 * <ul>
 * <li>the session of a database-operation event (pre-update, post-insert, post-update, post-delete):
 * {@code AbstractEvent.getSession()} returns an {@code EventSource} on 6.6 and a
 * {@code SharedSessionContractImplementor} on 7;</li>
 * <li>work registered for the end of a transaction: {@code ActionQueue.registerProcess} on 6.6,
 * {@code SharedSessionContractImplementor.getTransactionCompletionCallbacks().registerCallback} on 7.</li>
 * </ul>
 * Immutable and thread-safe.
 */
final class HibernateShapes {

    private static final MethodHandles.Lookup LOOKUP = MethodHandles.publicLookup();

    /** (AbstractEvent) SharedSessionContractImplementor */
    private final MethodHandle session;
    /** (SharedSessionContractImplementor, BeforeTransactionCompletionProcess) void */
    private final MethodHandle beforeCompletion;
    /** (SharedSessionContractImplementor, AfterTransactionCompletionProcess) void */
    private final MethodHandle afterCompletion;

    private HibernateShapes(MethodHandle session, MethodHandle beforeCompletion, MethodHandle afterCompletion) {
        this.session = session;
        this.beforeCompletion = beforeCompletion;
        this.afterCompletion = afterCompletion;
    }

    /**
     * The shapes of the Hibernate ORM in use.
     *
     * @throws CustosException {@code CUSTOS-04480} if a member has none of the known shapes
     */
    static HibernateShapes resolve(String unitName) {
        MethodHandle session = first(unitName, "AbstractEvent.getSession()",
                MethodType.methodType(SharedSessionContractImplementor.class, AbstractEvent.class),
                () -> LOOKUP.findVirtual(AbstractEvent.class, "getSession", MethodType.methodType(EventSource.class)),
                () -> LOOKUP.findVirtual(AbstractEvent.class, "getSession",
                        MethodType.methodType(SharedSessionContractImplementor.class)));
        MethodHandle before = first(unitName, "registering work before a transaction completes",
                MethodType.methodType(void.class, SharedSessionContractImplementor.class,
                        BeforeTransactionCompletionProcess.class),
                () -> actionQueue(BeforeTransactionCompletionProcess.class),
                () -> completionCallbacks("BeforeCompletionCallback"));
        MethodHandle after = first(unitName, "registering work after a transaction completes",
                MethodType.methodType(void.class, SharedSessionContractImplementor.class,
                        AfterTransactionCompletionProcess.class),
                () -> actionQueue(AfterTransactionCompletionProcess.class),
                () -> completionCallbacks("AfterCompletionCallback"));
        return new HibernateShapes(session, before, after);
    }

    /** The session {@code event} was fired by; on Hibernate 7 possibly a stateless one. */
    SharedSessionContractImplementor session(AbstractEvent event) {
        try {
            return (SharedSessionContractImplementor) session.invokeExact(event);
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    /** Runs {@code process} before the session's transaction completes. */
    void beforeCompletion(SharedSessionContractImplementor on, BeforeTransactionCompletionProcess process) {
        try {
            beforeCompletion.invokeExact(on, process);
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    /** Runs {@code process} after the session's transaction completed, committed or rolled back. */
    void afterCompletion(SharedSessionContractImplementor on, AfterTransactionCompletionProcess process) {
        try {
            afterCompletion.invokeExact(on, process);
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    /** What a handle threw, unchanged: the members it calls declare no checked exception. */
    private static RuntimeException unchecked(Throwable e) {
        if (e instanceof Error error) {
            throw error;
        }
        return e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
    }

    /** Hibernate 6.6: {@code ((SessionImplementor) session).getActionQueue().registerProcess(process)}. */
    private static MethodHandle actionQueue(Class<?> process) throws ReflectiveOperationException {
        return MethodHandles.filterArguments(
                LOOKUP.findVirtual(ActionQueue.class, "registerProcess", MethodType.methodType(void.class, process)),
                0, LOOKUP.findVirtual(SessionImplementor.class, "getActionQueue",
                        MethodType.methodType(ActionQueue.class)));
    }

    /** Hibernate 7: {@code session.getTransactionCompletionCallbacks().registerCallback(callback)}. */
    private static MethodHandle completionCallbacks(String callback) throws ReflectiveOperationException {
        Class<?> callbacks = hibernateClass("org.hibernate.engine.spi.TransactionCompletionCallbacks");
        Class<?> type = hibernateClass(callbacks.getName() + "$" + callback);
        return MethodHandles.filterArguments(
                LOOKUP.findVirtual(callbacks, "registerCallback", MethodType.methodType(void.class, type)),
                0, LOOKUP.findVirtual(SharedSessionContractImplementor.class, "getTransactionCompletionCallbacks",
                        MethodType.methodType(callbacks)));
    }

    private static Class<?> hibernateClass(String name) throws ClassNotFoundException {
        return Class.forName(name, false, SharedSessionContractImplementor.class.getClassLoader());
    }

    /** One way of reaching a member, which fails when this Hibernate has it in another shape. */
    @FunctionalInterface
    interface Shape {
        MethodHandle find() throws ReflectiveOperationException;
    }

    /**
     * The first of {@code shapes} this Hibernate has, typed as {@code type}.
     *
     * @throws CustosException {@code CUSTOS-04480} if it has none of them
     */
    static MethodHandle first(String unitName, String member, MethodType type, Shape... shapes) {
        List<String> failures = new ArrayList<>();
        for (Shape shape : shapes) {
            try {
                return shape.find().asType(type);
            } catch (ReflectiveOperationException | RuntimeException e) {
                failures.add(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        throw new CustosException(JpaMessages.hibernateShapeUnknown(unitName, Version.getVersionString(), member,
                String.join("; ", failures)));
    }
}
