import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { checklistOf } from '../../electron/contract/checklist';
import { useStore } from 'zustand';
import { useTranslation } from 'react-i18next';
import type { DraftProblem, LanguagePreference, OutboxItem, TicketDraft } from '../../electron/contract';
import type { PopupBridge } from './bridge/types';
import type { AgentMirror } from './store';
import { AdminView } from './components/AdminView';
import { EnrolBanner } from './components/Banner';
import { Checks } from './components/Checks';
import { Details } from './components/Details';
import { Maintenance } from './components/Maintenance';
import { Footer } from './components/Footer';
import { Header } from './components/Header';
import { Headline } from './components/Headline';
import { Skeleton } from './components/Skeleton';
import { SupportCard } from './components/SupportCard';
import { Updates } from './components/Updates';
import { hasRemoteNews, RemoteSection } from './components/Remote';
import { MyTickets } from './components/MyTickets';
import { Thread, type ThreadActions } from './components/thread/Thread';
import { OutboxList } from './components/report/OutboxList';
import { ReportForm, type ReportActions } from './components/report/ReportForm';
import { ReportResult } from './components/report/ReportResult';
import { Glyph } from './components/Icons';
import { newDraft } from './report';
import { useAccent } from './accent';

/**
 * The tray flyout. It renders the mirror of the agent's state and sends intents. It keeps only
 * which view is open, the report being typed (so that an unsaved one is not lost; a refused one
 * the agent keeps, and gives back as `tickets.report.draft`) and which ticket's result to show. The report form is open exactly while the agent's
 * `tickets.report` is set: the tray menu and the shortcut open it through the agent too.
 */
export function App({ bridge, mirror }: { bridge: PopupBridge; mirror: AgentMirror }) {
  const { status, state } = useStore(mirror.store);
  const { t, i18n } = useTranslation();
  const [view, setView] = useState<'main' | 'admin' | 'tickets'>('main');
  const [refreshing, setRefreshing] = useState(false);
  const [draft, setDraft] = useState<TicketDraft | null>(null);
  const [problems, setProblems] = useState<DraftProblem[] | null>(null);
  const [resultId, setResultId] = useState<string | null>(null);
  const [ticketsRefreshing, setTicketsRefreshing] = useState(false);
  // The ticket whose conversation was closed last: "Mijn meldingen" gives it focus again.
  const [returnTicket, setReturnTicket] = useState<string | null>(null);
  const adminButton = useRef<HTMLButtonElement>(null);
  const bannerButton = useRef<HTMLButtonElement>(null);
  const ticketsButton = useRef<HTMLButtonElement>(null);
  const reportButton = useRef<HTMLButtonElement>(null);
  const returnTo = useRef<typeof adminButton | null>(null);
  const language = state?.settings.language ?? 'nl';

  useEffect(() => {
    if (i18n.language !== language) void i18n.changeLanguage(language);
    document.documentElement.lang = language;
  }, [i18n, language]);

  const cancelled = useRef(false);
  const open = useCallback((next: 'admin' | 'tickets', from: typeof adminButton) => {
    returnTo.current = from;
    setView(next);
  }, []);
  const back = useCallback(() => {
    setReturnTicket(null);
    setView('main');
  }, []);

  // Escape steps back one level: a sub-view closes, the form closes (its draft kept, as when the
  // popup is closed), and only on the main view does it hide the popup.
  const reportOpen = state?.tickets.report != null;
  // A conversation is open exactly while the agent's `tickets.thread` is (a notice may open one too).
  const thread = state?.tickets.thread ?? null;
  const closeThread = useCallback(() => {
    if (thread) setReturnTicket(thread.ticketId);
    setView('tickets');
    void bridge.actions['tickets.closeThread']({}).catch(() => undefined);
  }, [bridge, thread]);
  // The agent opened the form on a refused ticket: its draft and problems, not a draft kept from before.
  // (Reset while rendering, as React advises for state that follows a prop.)
  const replaces = state?.tickets.report?.replaces ?? null;
  const [draftFor, setDraftFor] = useState<string | null>(null);
  if (replaces !== draftFor) {
    setDraftFor(replaces);
    if (replaces !== null) {
      setDraft(null);
      setProblems(null);
    }
  }
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      if (reportOpen) {
        cancelled.current = true;
        void bridge.actions['tickets.cancelReport']({}).catch(() => undefined);
      } else if (thread) closeThread();
      else if (view !== 'main') back();
      else void bridge.actions['popup.hide']({}).catch(() => undefined);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [bridge, reportOpen, thread, closeThread, view, back]);

  const refresh = useCallback(async () => {
    setRefreshing(true);
    try {
      await bridge.actions['health.refresh']({});
    } catch {
      // The headline and checks say what the agent knows; a failed refresh changes nothing there.
    } finally {
      setRefreshing(false);
    }
  }, [bridge]);

  // In the browser preview there is no shell: it answers the allow-listed URL for the page to open.
  const openPortal = useCallback(async () => openInPage(await bridge.actions['support.openPortal']({}).catch(() => null)), [bridge]);
  const openLink = useCallback(async (id: string) => openInPage(await bridge.actions['links.open']({ id }).catch(() => null)), [bridge]);

  // Leaving a sub-view puts focus back on the control the user opened it with.
  useEffect(() => {
    if (view !== 'main' || !returnTo.current) return;
    (returnTo.current.current ?? adminButton.current)?.focus();
    returnTo.current = null;
  }, [view]);

  const reportActions = useMemo<ReportActions>(
    () => ({
      submit: (next) => bridge.actions['tickets.submit']({ draft: next }),
      preview: (next) => bridge.actions['tickets.preview']({ draft: next }),
      removeScreenshot: () => bridge.actions['tickets.removeScreenshot']({}),
      cancel: async () => {
        cancelled.current = true;
        setDraft(null);
        setProblems(null);
        await bridge.actions['tickets.cancelReport']({});
      },
    }),
    [bridge],
  );

  const threadActions = useMemo<ThreadActions>(
    () => ({
      send: (draft) => bridge.actions['tickets.sendReply']({ draft }),
      addScreenshot: () => bridge.actions['tickets.addReplyScreenshot']({}),
      removeScreenshot: () => bridge.actions['tickets.removeReplyScreenshot']({}),
      loadOlder: () => bridge.actions['tickets.loadOlder']({}),
    }),
    [bridge],
  );
  const openThread = useCallback((ticketId: string) => void bridge.actions['tickets.openThread']({ ticketId }).catch(() => undefined), [bridge]);

  const cleanTemp = useCallback(() => bridge.actions['checks.cleanTemp']({}), [bridge]);

  const startReport = useCallback(
    (relatedItemId: string | null) => void bridge.actions['tickets.startReport']({ relatedItemId }).catch(() => undefined),
    [bridge],
  );

  // "Aanpassen" on a refused ticket: the agent opens the form on it (a ticket just sent that the
  // API refuses it opens by itself). It stays in the outbox until its fixed version is saved.
  const fixRejected = useCallback(
    async (entry: OutboxItem) => {
      setDraft(null);
      setProblems(null);
      // A failure leaves the entry in "Meldingen onderweg" with its own "Aanpassen".
      await bridge.actions['tickets.reopen']({ id: entry.id }).catch(() => undefined);
    },
    [bridge],
  );

  // The result of the ticket just sent; a refused one is back in the form and in the outbox list.
  const sent = resultId ? state?.tickets.outbox.find((entry) => entry.id === resultId) : undefined;
  const result = sent?.phase === 'rejected' ? undefined : sent;

  const openTickets = useCallback(async () => {
    open('tickets', ticketsButton);
    setTicketsRefreshing(true);
    try {
      await bridge.actions['tickets.refresh']({});
    } catch {
      // The list shows what the agent has, with when it was last brought up to date.
    } finally {
      setTicketsRefreshing(false);
    }
  }, [bridge, open]);

  // Cancelling puts focus back on the button that opens the form (Send focuses its result).
  useEffect(() => {
    if (reportOpen || !cancelled.current) return;
    cancelled.current = false;
    reportButton.current?.focus();
  }, [reportOpen]);

  const connection = state?.connection.status;
  const needsEnrol = connection === 'reenroll' || connection === 'not-enrolled' ? connection : null;

  const flyout = useRef<HTMLDivElement>(null);
  const accent = state?.branding.accentColor ?? null;
  useAccent(flyout, accent);

  return (
    <div className={accent ? 'flyout branded' : 'flyout'} ref={flyout}>
      <Header state={state} />
      <main className="content">
        {!state ? (
          <Skeleton failed={status === 'failed'} />
        ) : reportOpen ? (
          <ReportForm
            state={state}
            draft={draft ?? state.tickets.report?.draft ?? newDraft(state)}
            onDraft={setDraft}
            problems={problems ?? state.tickets.report?.problems ?? []}
            onProblems={setProblems}
            onSaved={(id) => {
              setDraft(null);
              setProblems(null);
              setResultId(id);
              setView('main');
            }}
            actions={reportActions}
            now={new Date()}
          />
        ) : thread ? (
          <Thread thread={thread} max={state.tickets.maxDescriptionChars} language={language} actions={threadActions} onBack={closeThread} />
        ) : view === 'tickets' ? (
          <MyTickets
            tickets={state.tickets}
            language={language}
            refreshing={ticketsRefreshing}
            onBack={back}
            onOpen={openThread}
            focusTicketId={returnTicket}
          />
        ) : view === 'admin' ? (
          <AdminView
            state={state}
            onBack={back}
            enroll={(code) => bridge.actions['admin.enroll']({ code })}
            setLanguage={(preference: LanguagePreference) =>
              void bridge.actions['settings.setLanguage']({ language: preference }).catch(() => undefined)
            }
            refreshChecks={() => void bridge.actions['checks.refresh']({}).catch(() => undefined)}
            actions={bridge.actions}
          />
        ) : (
          <>
            {needsEnrol && <EnrolBanner status={needsEnrol} onAdmin={() => open('admin', bannerButton)} buttonRef={bannerButton} />}
            <Headline overall={state.overall} headline={state.headline} />
            <div aria-live="polite" className="result-region">
              {result && <ReportResult entry={result} support={state.support} onClose={() => setResultId(null)} />}
            </div>
            <Checks
              items={checklistOf(state)}
              language={language}
              onReport={startReport}
              cleanup={{ itemIds: state.checks.cleanup.itemIds, running: state.checks.cleanup.running, units: state.app.sizeUnits, clean: cleanTemp }}
            />
            <div className="report-row">
              <button type="button" className="button accent report-button" ref={reportButton} onClick={() => startReport(null)}>
                <Glyph name="report" />
                {t('report.open')}
              </button>
              <button type="button" className="button" ref={ticketsButton} onClick={() => void openTickets()}>
                {state.tickets.list.length > 0 ? t('myTickets.openCount', { count: state.tickets.list.length }) : t('myTickets.open')}
                {state.tickets.waitingForYou > 0 && (
                  <span className="count-badge">
                    <span aria-hidden="true">{state.tickets.waitingForYou}</span>
                    <span className="visually-hidden">, {t('myTickets.waitingBadge', { count: state.tickets.waitingForYou })}</span>
                  </span>
                )}
              </button>
            </div>
            <OutboxList
              outbox={state.tickets.outbox}
              damaged={state.tickets.damaged}
              phone={state.support.phone}
              hideId={result?.id ?? null}
              language={language}
              now={new Date()}
              onFix={(entry) => void fixRejected(entry)}
              onDismiss={(id) => void bridge.actions['tickets.dismiss']({ id }).catch(() => undefined)}
            />
            {hasRemoteNews(state.remote) && (
              <RemoteSection
                remote={state.remote}
                language={language}
                zone={state.support.timeZone}
                actions={{
                  end: () => void bridge.actions['remote.end']({}).catch(() => undefined),
                  acknowledge: () => void bridge.actions['remote.acknowledge']({}).catch(() => undefined),
                }}
              />
            )}
            <Updates
              updates={state.updates}
              zone={state.support.timeZone}
              language={language}
              now={new Date()}
              onAcknowledge={() => void bridge.actions['updates.acknowledge']({}).catch(() => undefined)}
            />
            <Maintenance
              maintenance={state.maintenance}
              units={state.app.sizeUnits}
              zone={state.support.timeZone}
              language={language}
              now={new Date()}
              onOpen={() => void bridge.actions['maintenance.refresh']({}).catch(() => undefined)}
            />
            <Details health={state.health} units={state.app.sizeUnits} language={language} />
            <SupportCard support={state.support} language={language} now={new Date()} onPortal={() => void openPortal()} />
          </>
        )}
      </main>
      {state && !reportOpen && (
        <Footer
          refreshing={refreshing}
          onRefresh={() => void refresh()}
          onAdmin={() => open('admin', adminButton)}
          adminOpen={view === 'admin'}
          adminRef={adminButton}
          links={state.branding.links}
          language={language}
          onLink={(id) => void openLink(id)}
        />
      )}
    </div>
  );
}

/** The preview's answer to an action that opens a page: the page opens it in a new tab, without a way back to this one. */
function openInPage(opened: { openInPage: string | null } | null): void {
  if (opened?.openInPage) window.open(opened.openInPage, '_blank', 'noopener');
}
