// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.eclipselink;

import dev.custos.jpa.access.AccessRefusedException;
import org.eclipse.persistence.exceptions.EclipseLinkException;
import org.eclipse.persistence.exceptions.ExceptionHandler;

/**
 * Carries a refusal out of a query that EclipseLink is executing, so that EclipseLink does not log it. Every
 * exception leaving a session's {@code executeQuery} passes {@code AbstractSession.handleException}, which logs it
 * at WARNING (in Liberty, {@code CWWJP9991W} with the refusal's text for every refused read) unless it is an
 * {@link EclipseLinkException} already logged; it then asks the session's {@link ExceptionHandler}. So the refusal
 * travels as this, marked logged, and {@link Handler}, installed on the server session (client sessions and units
 * of work copy it), hands the caller the {@link AccessRefusedException} itself once no Custos query bracket is open
 * on the thread: a refusal inside a nested query stays carried until the outermost query ends.
 */
final class CarriedRefusal extends EclipseLinkException {

    private static final long serialVersionUID = 1L;

    private final AccessRefusedException refusal;

    CarriedRefusal(AccessRefusedException refusal) {
        super(refusal.getMessage(), refusal);
        this.refusal = refusal;
        setHasBeenLogged(true);
    }

    AccessRefusedException refusal() {
        return refusal;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // a carrier: the refusal has the stack trace
    }

    /** Unwraps carried refusals for the caller; every other exception goes to the application's handler, if any. */
    static final class Handler implements ExceptionHandler {

        private final ExceptionHandler application;
        private final QueryBrackets brackets;

        Handler(ExceptionHandler application, QueryBrackets brackets) {
            this.application = application;
            this.brackets = brackets;
        }

        @Override
        public Object handleException(RuntimeException exception) {
            if (exception instanceof CarriedRefusal carried) {
                if (brackets.anyOpen()) {
                    throw carried; // an enclosing Custos query ends first, and unwraps it at its own level
                }
                throw carried.refusal();
            }
            if (application != null) {
                return application.handleException(exception);
            }
            throw exception;
        }
    }
}
