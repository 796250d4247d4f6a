// SPDX-License-Identifier: Apache-2.0
// The clinics' web UI: plain JavaScript over the REST API. Credentials stay in this tab (sessionStorage) and go
// with every call as HTTP Basic; the server decides what each role may see.
'use strict';

const $ = (id) => document.getElementById(id);

function credentials() {
    return sessionStorage.getItem('clinic.auth');
}

function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) {
        if (key === 'onclick') node.addEventListener('click', value); else node.setAttribute(key, value);
    }
    for (const child of children) {
        if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
    }
    return node;
}

function table(headers, rows, id) {
    return el('table', id ? {id} : {},
        el('thead', {}, el('tr', {}, ...headers.map(h => el('th', {}, h)))),
        el('tbody', {}, ...rows.map(cells => el('tr', {}, ...cells.map(c => el('td', {}, c ?? ''))))));
}

function showError(message) {
    const box = $('error');
    box.textContent = message;
    box.hidden = !message;
}

/** Calls the API; a failure shows the problem's detail and message ids, and rejects. */
async function api(method, path, body) {
    const headers = {'Accept': 'application/json, */*;q=0.1'};
    if (credentials()) headers['Authorization'] = 'Basic ' + credentials();
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch('/api/' + path, {method, headers, body: body === undefined ? undefined : JSON.stringify(body)});
    const text = await response.text();
    if (!response.ok) {
        let message = response.status + ' ' + response.statusText;
        try {
            const problem = JSON.parse(text);
            const ids = (problem.messages || []).map(m => m.id + ': ' + m.text).join(' | ');
            message = problem.status + ' ' + problem.title + ': ' + problem.detail + (ids ? ' [' + ids + ']' : '');
        } catch (notJson) {
            // the container's own answer (401 before the application is reached)
        }
        showError(message);
        throw new Error(message);
    }
    showError('');
    const type = response.headers.get('Content-Type') || '';
    return text && type.includes('json') ? JSON.parse(text) : text;
}

// --- the side-by-side scenario and the demo clock, for everyone ---

async function renderScenario() {
    const columns = await api('GET', 'public/scenario');
    $('columns').replaceChildren(...columns.map(c => el('article', {class: 'column', id: 'scenario-' + c.clinic.id},
        el('h3', {}, c.clinic.name, ' (', c.clinic.town, ')'),
        el('p', {class: 'pack'}, 'Policy pack ', el('code', {}, c.clinic.pack), ', ', c.clinic.jurisdiction, ', ', c.clinic.zone),
        el('dl', {},
            el('dt', {}, 'Journal kept'), el('dd', {class: 'retention'}, c.journalRetention),
            el('dt', {}, 'When it ends'), el('dd', {}, c.journalOnDue === 'REVIEW' ? 'listed for review by a person' : 'erased by the sweep'),
            el('dt', {}, 'Who reads it'), el('dd', {}, c.journalAccess === 'ASSIGNED_CALLER' ? 'only the treating clinician' : 'any clinician'),
            el('dt', {}, 'Erasure request meanwhile'), el('dd', {}, c.journalDutyToKeep ? 'refused: duty to keep (GDPR Art. 17(3)(b))' : 'erased'),
            el('dt', {}, 'Former client ' + c.formerClient), el('dd', {class: 'former'},
                c.formerClientLastEntry ? 'last entry ' + c.formerClientLastEntry + '; ' + (c.formerClientJournalStatus === 'ERASED'
                    ? 'erased' : c.formerClientJournalStatus.toLowerCase() + ', due ' + (c.formerClientJournalDue || '').slice(0, 10))
                    : 'journal erased'),
            el('dt', {}, 'A request received today'), el('dd', {class: 'deadline'}, 'answer by ' + c.requestDeadline + ' (' + c.requestDeadlineBasis + ')')),
        el('details', {}, el('summary', {}, 'Citations'), el('ul', {}, ...c.journalCitations.map(x => el('li', {}, x)))))));
}

async function renderClock() {
    const clock = await api('GET', 'public/clock');
    $('clock').textContent = 'Clinic time ' + clock.now.slice(0, 16).replace('T', ' ') + ' UTC'
        + (clock.offset !== 'P0D' ? ' (moved ' + clock.offset + ')' : '') + (clock.demoMode ? ' · demo mode' : '');
}

async function advance(period) {
    const moved = await api('POST', 'demo/clock', {period});
    $('sweeps').replaceChildren(table(['Clinic', 'Sweep', 'Erased', 'Kept', 'Summary'],
        moved.sweeps.map(s => [s.clinic, s.outcome, s.erased, s.kept, s.summary]), 'sweep-results'));
    await Promise.all([renderClock(), renderScenario()]);
}

// --- patients ---

let patientClinic = null;

async function findPatientClinic() {
    for (const clinic of ['dk', 'no']) {
        try {
            await api('GET', clinic + '/me/requests');
            return clinic;
        } catch (notThisOne) {
            // a patient is a client of one clinic only
        }
    }
    return null;
}

function myRequestIds() {
    return JSON.parse(localStorage.getItem('clinic.requests.' + sessionStorage.getItem('clinic.user')) || '[]');
}

function remember(id) {
    const ids = myRequestIds();
    if (!ids.includes(id)) ids.push(id);
    localStorage.setItem('clinic.requests.' + sessionStorage.getItem('clinic.user'), JSON.stringify(ids));
}

function answerLines(answer) {
    if (!answer || !answer.attributes) return null;
    return table(['Record', 'Field', 'Outcome', 'Rule', 'Citation'],
        answer.attributes.map(a => [a.entity + ' ' + (a.id || ''), a.attribute, a.outcome || a.applicability, a.rule || '', a.citation]),
        'answer-' + answer.request);
}

async function renderPatient() {
    const consents = await api('GET', patientClinic + '/me/consents');
    $('consents').querySelector('tbody').replaceChildren(...consents.map(c => el('tr', {'data-purpose': c.purpose},
        el('td', {}, c.purpose), el('td', {class: 'state'}, c.state),
        el('td', {}, c.state === 'ACTIVE'
            ? el('button', {type: 'button', id: 'withdraw-' + c.purpose, onclick: () => changeConsent(c.purpose, false)}, 'Withdraw')
            : el('button', {type: 'button', id: 'give-' + c.purpose, onclick: () => changeConsent(c.purpose, true)}, 'Give consent')))));
    const open = await api('GET', patientClinic + '/me/requests');
    open.forEach(r => remember(r.id));
    const followed = await Promise.all(myRequestIds().map(id => api('GET', patientClinic + '/me/requests/' + id).catch(() => null)));
    $('my-requests').replaceChildren(...followed.filter(Boolean).map(a => el('div', {class: 'request', id: 'request-' + a.request.id},
        el('p', {}, el('strong', {}, a.request.type), ' (', a.request.right, '): ', el('span', {class: 'state'}, a.request.state),
            ', received ', a.request.receivedAt.slice(0, 10), ', answer due by ', a.request.deadline,
            a.request.overdue ? ' (overdue)' : '', a.request.refusalReason ? ' · refused: ' + a.request.refusalReason + ' (' + a.request.refusalCitation + ')' : ''),
        answerLines(a.answer))));
}

async function changeConsent(purpose, given) {
    const change = {given};
    if (given) {
        // a consent to an online service such as the newsletter records the age band (GDPR Art. 8)
        const age = prompt('Your age in whole years (recorded with the consent, GDPR Art. 8):');
        if (age === null) return;
        if (/^\d+$/.test(age.trim())) change.ageAtLeast = Number(age.trim());
    }
    const answer = await api('PUT', patientClinic + '/me/consents/' + purpose, change);
    if (answer && answer.request) remember(answer.request.id);
    await renderPatient();
    if (answer && answer.answer) $('my-requests').prepend(el('p', {id: 'consent-answer', class: 'answer'}, answer.answer.summary));
}

// --- clinicians ---

async function openJournal(clinic, client) {
    $('journal').replaceChildren();
    const entries = await api('GET', clinic + '/clients/' + encodeURIComponent(client) + '/journal');
    $('journal').replaceChildren(table(['Written', 'Kind', 'Clinician', 'Text'],
        entries.map(e => [e.writtenOn, e.kind, e.clinician, e.text]), 'journal-entries'));
}

// --- clinicians: disclosure to the GP, under the purpose gp-disclosure ---

async function gp(action) {
    const client = $('gp-client').value.trim();
    if (!client) {
        showError('Enter the client id first');
        return;
    }
    const path = 'dk/clients/' + encodeURIComponent(client) + '/gp-disclosure';
    const out = $('gp-output');
    out.replaceChildren();
    if (action === 'disclose') {
        const entries = await api('GET', path);
        out.replaceChildren(el('p', {class: 'answer', id: 'gp-answer'}, 'Sent to the GP: ' + entries.length + ' entries'),
            table(['Written', 'Kind', 'Text'], entries.map(e => [e.writtenOn, e.kind, e.text]), 'gp-entries'));
    } else if (action === 'consent') {
        await api('PUT', path + '/consent', {reference: $('gp-reference').value.trim(), signedOn: $('gp-signed').value.trim()});
        out.replaceChildren(el('p', {class: 'answer', id: 'gp-answer'}, 'Written consent recorded'));
    } else {
        await api('DELETE', path + '/consent');
        out.replaceChildren(el('p', {class: 'answer', id: 'gp-answer'}, 'Withdrawal recorded: nothing more is sent'));
    }
}

// --- clinicians: statistics, under the purpose statistics ---

async function statistics(what) {
    const clinic = $('statistics-clinic').value;
    const out = $('statistics-output');
    out.replaceChildren();
    if (what === 'count') {
        const counts = await api('GET', clinic + '/statistics/journal');
        out.replaceChildren(table(['Kind', 'Entries'], counts.map(c => [c.kind, c.entries]), 'statistics-table'));
    } else {
        // Custos refuses this: the error box shows the refusal and its message ids
        const entries = await api('GET', clinic + '/statistics/journal/texts');
        const words = entries.reduce((n, e) => n + (e.text ? e.text.split(/\s+/).length : 0), 0);
        out.replaceChildren(el('p', {id: 'statistics-words'}, words + ' words in ' + entries.length + ' entries'));
    }
}

// --- the front desk ---

async function renderDesk() {
    const rows = [];
    for (const clinic of ['dk', 'no']) {
        for (const r of await api('GET', clinic + '/requests')) {
            rows.push([clinic, r.type, r.state, r.deadline + (r.overdue ? ' (overdue)' : ''), r.id,
                el('button', {type: 'button', onclick: () => execute(clinic, r.id)}, 'Carry out')]);
        }
    }
    $('desk').replaceChildren(table(['Clinic', 'Type', 'State', 'Deadline', 'Request', ''], rows, 'desk-requests'));
}

async function execute(clinic, id) {
    const answer = await api('POST', clinic + '/requests/' + id + '/execute', []);
    await renderDesk();
    $('desk').append(el('div', {class: 'answer'}, el('p', {}, 'Answer to ', id, ': ', answer.request.state,
        answer.answer && answer.answer.summary ? ' · ' + answer.answer.summary : ''), answerLines(answer.answer)));
}

// --- the auditor ---

async function audit(what) {
    const clinic = $('audit-clinic').value;
    const out = $('audit-output');
    out.replaceChildren();
    if (what === 'trail') {
        const subject = $('audit-subject').value.trim();
        const records = await api('GET', clinic + '/audit/subjects/' + encodeURIComponent(subject));
        out.replaceChildren(el('h3', {}, 'Audit trail of ', subject),
            table(['#', 'When', 'Who', 'Action', 'Record', 'Fields', 'Purpose', 'Outcome'],
                records.map(r => [r.sequence, r.at.slice(0, 19).replace('T', ' '), r.actor, r.action,
                    r.entity + ' ' + (r.entityId || ''), (r.fields || []).join(', '), r.purpose, r.outcome]), 'audit-records'));
    } else if (what === 'verify') {
        const chains = await api('GET', clinic + '/audit/verify');
        out.replaceChildren(el('h3', {}, 'Hash chains'), table(['Chain', 'Intact', 'Records checked', 'First broken', 'Problem'],
            chains.map(c => [c.chain, c.intact ? 'intact' : 'BROKEN', c.recordsChecked, c.firstBroken, c.problem]), 'audit-chains'));
    } else if (what === 'forecast') {
        const entries = await api('GET', clinic + '/audit/forecast');
        out.replaceChildren(el('h3', {}, 'Retention forecast'), table(['Record', 'Rule', 'Fields', 'Due', 'Status', 'Why'],
            entries.map(e => [e.entity + ' ' + e.entityId, e.rule, e.attributes.join(', '), (e.dueAt || '').slice(0, 10), e.status, e.reason]),
            'audit-forecast-table'));
    } else if (what === 'requests') {
        const open = await api('GET', clinic + '/requests');
        out.replaceChildren(el('h3', {}, 'Open requests'), table(['Type', 'State', 'Received', 'Deadline', 'Basis'],
            open.map(r => [r.type, r.state, r.receivedAt.slice(0, 10), r.deadline + (r.overdue ? ' (overdue)' : ''), r.deadlineBasis]),
            'audit-open-requests'));
    } else if (what === 'record') {
        out.replaceChildren(el('h3', {}, 'Record of processing activities'), el('pre', {id: 'audit-record-text'}, await api('GET', clinic + '/audit/record')));
    }
}

// --- logging in ---

async function start() {
    await Promise.all([renderScenario(), renderClock()]);
    if (!credentials()) return;
    const me = await api('GET', 'me');
    $('login').hidden = true;
    $('session').hidden = false;
    $('who').textContent = me.user + ' (' + me.roles.join(', ') + ')';
    const has = (role) => me.roles.includes(role);
    $('demo').hidden = !(has('clinician') || has('reception') || has('custos-auditor'));
    // the auditor may open a journal too, to see that Custos refuses its content
    $('clinician').hidden = !(has('clinician') || has('custos-auditor'));
    $('auditor-journal-note').hidden = !has('custos-auditor') || has('clinician');
    $('gp').hidden = !has('clinician');
    $('statistics').hidden = !has('clinician');
    $('reception').hidden = !has('reception');
    $('auditor').hidden = !has('custos-auditor');
    if (has('patient')) {
        patientClinic = await findPatientClinic();
        if (patientClinic) {
            $('patient').hidden = false;
            $('patient-clinic').textContent = patientClinic === 'dk' ? 'the Danish clinic' : 'the Norwegian clinic';
            await renderPatient();
        }
    }
    if (has('reception')) await renderDesk();
}

document.addEventListener('DOMContentLoaded', () => {
    $('login').addEventListener('submit', async (event) => {
        event.preventDefault();
        sessionStorage.setItem('clinic.auth', btoa($('user').value + ':' + $('password').value));
        sessionStorage.setItem('clinic.user', $('user').value);
        try {
            await start();
        } catch (failed) {
            sessionStorage.removeItem('clinic.auth');
        }
    });
    $('logout').addEventListener('click', () => {
        sessionStorage.clear();
        location.reload();
    });
    document.querySelectorAll('[data-advance]').forEach(b => b.addEventListener('click', () => advance(b.dataset.advance).catch(() => {})));
    $('new-request').addEventListener('submit', async (event) => {
        event.preventDefault();
        const request = await api('POST', patientClinic + '/me/requests', {type: $('request-type').value});
        remember(request.id);
        await renderPatient();
    });
    $('journal-form').addEventListener('submit', (event) => {
        event.preventDefault();
        openJournal($('journal-clinic').value, $('journal-client').value.trim()).catch(() => {});
    });
    $('gp-form').addEventListener('submit', (event) => {
        event.preventDefault();
        gp('disclose').catch(() => {});
    });
    $('gp-consent-form').addEventListener('submit', (event) => {
        event.preventDefault();
        gp('consent').catch(() => {});
    });
    $('gp-withdraw').addEventListener('click', () => gp('withdraw').catch(() => {}));
    $('statistics-form').addEventListener('submit', (event) => {
        event.preventDefault();
        statistics('count').catch(() => {});
    });
    $('statistics-texts').addEventListener('click', () => statistics('texts').catch(() => {}));
    $('audit-form').addEventListener('submit', (event) => {
        event.preventDefault();
        audit('trail').catch(() => {});
    });
    for (const what of ['verify', 'forecast', 'requests', 'record']) {
        $('audit-' + what).addEventListener('click', () => audit(what).catch(() => {}));
    }
    start().catch(() => {});
});
