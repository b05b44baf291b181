import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { RemoteImagesControl } from '@/features/remote-images/index.ts';
import type { Connection } from '@/api/client.ts';
import { useLocaleFormats } from '@/lib/locale-formats.ts';
import { useConnectionActions } from '../hooks/use-connection-actions.ts';
import { useConnectionTest } from '../hooks/use-connection-test.ts';
import { connectionStore } from '../stores/active-connection.ts';
import type { ActiveConnection } from '../stores/connection-store.ts';
import { checkBaseUrl, DEFAULT_BASE_URL } from '../utils/base-url.ts';
import {
  describeDataSource,
  needsDirectConnection,
  serverOffersApi,
  type ServerInfoState,
} from '../utils/describe-connection.ts';

const inputClass =
  'w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm shadow-xs focus:border-sky-600 focus:outline-2 focus:outline-sky-600/30 aria-invalid:border-rose-600';
const buttonClass =
  'rounded-md px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 disabled:opacity-50';
const primaryButton = `${buttonClass} bg-slate-900 text-white hover:bg-slate-700`;
const secondaryButton = `${buttonClass} border border-slate-300 bg-white text-slate-900 hover:bg-slate-50`;

interface FormDefaults {
  baseURL: string;
  apiKey: string;
  organization: string;
  project: string;
  remember: boolean;
}

/** The form starts from the connection in use, else the saved one, else the defaults. */
function formDefaults(active: ActiveConnection, server: ServerInfoState): FormDefaults {
  if (active.kind === 'direct') {
    const { connection } = active;
    return {
      baseURL: connection.baseURL,
      apiKey: connection.apiKey ?? '',
      organization: connection.organization ?? '',
      project: connection.project ?? '',
      remember: active.remember,
    };
  }
  const saved = connectionStore.getSaved();
  // A server whose own API wants a key (a local test setup) is the natural target.
  const sameOrigin =
    server.status === 'success' && server.info.mode !== 'static' && server.info.keyRequired;
  return {
    baseURL: saved?.baseURL ?? (sameOrigin ? `${window.location.origin}/v1` : DEFAULT_BASE_URL),
    apiKey: saved?.apiKey ?? '',
    organization: saved?.organization ?? '',
    project: saved?.project ?? '',
    remember: saved?.remember ?? false,
  };
}

function Field({
  label,
  hint,
  problem,
  children,
}: {
  label: string;
  hint?: ReactNode;
  problem?: string | null;
  children: (ids: { inputId: string; describedBy: string | undefined }) => ReactNode;
}) {
  const inputId = useId();
  const hintId = useId();
  const problemId = useId();
  const describedBy = [hint ? hintId : '', problem ? problemId : ''].filter(Boolean).join(' ');
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={inputId} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      {children({ inputId, describedBy: describedBy || undefined })}
      {hint && (
        <p id={hintId} className="text-xs text-slate-600">
          {hint}
        </p>
      )}
      {problem && (
        <p id={problemId} role="alert" className="text-sm text-rose-700">
          {problem}
        </p>
      )}
    </div>
  );
}

export function ConnectionPanel({
  titleId,
  active,
  server,
  onDone,
}: {
  titleId: string;
  active: ActiveConnection;
  server: ServerInfoState;
  /** Closes the panel. */
  onDone: () => void;
}) {
  useLocaleFormats(); // re-render when numbers and dates switch to the reader's locale
  const actions = useConnectionActions();
  const test = useConnectionTest(
    server.status === 'success' && server.info.mode !== 'static'
      ? server.info.connectSrc
      : undefined,
  );
  // Read once when the panel opens; the panel is mounted afresh each time.
  const [defaults] = useState(() => formDefaults(active, server));
  const [baseURL, setBaseURL] = useState(defaults.baseURL);
  const [organization, setOrganization] = useState(defaults.organization);
  const [project, setProject] = useState(defaults.project);
  const [remember, setRemember] = useState(defaults.remember);
  const [showKey, setShowKey] = useState(false);
  const [baseUrlProblem, setBaseUrlProblem] = useState<string | null>(null);
  const [keyProblem, setKeyProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // The key field is uncontrolled: a controlled input would mirror the key into its `value`
  // attribute, i.e. into the page's HTML.
  const keyInput = useRef<HTMLInputElement>(null);
  const sourceId = useId();
  const directId = useId();
  const rememberId = useId();
  const rememberHintId = useId();
  const imagesId = useId();

  useEffect(() => {
    if (keyInput.current) keyInput.current.value = defaults.apiKey;
  }, [defaults]);

  const baseUrlCheck = checkBaseUrl(baseURL, window.location.protocol);
  const offersApi = serverOffersApi(server);

  /** The form's connection, or null (with the problems shown) when it can't be used. */
  function readForm(requireKey: boolean): Connection | null {
    const apiKey = keyInput.current?.value.trim() ?? '';
    const url = checkBaseUrl(baseURL, window.location.protocol);
    setBaseUrlProblem(url.ok ? null : url.reason);
    const missingKey = requireKey && apiKey === '';
    setKeyProblem(missingKey ? 'Enter the API key.' : null);
    if (!url.ok || missingKey) return null;
    const connection: Connection = { baseURL: url.baseURL };
    if (apiKey) connection.apiKey = apiKey;
    if (organization.trim()) connection.organization = organization.trim();
    if (project.trim()) connection.project = project.trim();
    return connection;
  }

  function connect() {
    setNotice(null);
    test.reset();
    const connection = readForm(true);
    if (!connection?.apiKey) return;
    const stored = actions.connectDirect({
      ...connection,
      apiKey: connection.apiKey,
      remember,
    });
    if (stored) onDone();
    else
      setNotice(
        'Connected, but this browser refused to store the connection: it lasts until the page is reloaded.',
      );
  }

  function changeRemember(next: boolean) {
    setRemember(next);
    setNotice(null);
    const moved = actions.setRemember(next);
    if (moved)
      setNotice(
        next
          ? 'The saved key is now remembered on this device (localStorage).'
          : 'The saved key is no longer remembered on this device: it is kept for this tab only (sessionStorage).',
      );
  }

  function forgetKey() {
    test.reset();
    actions.forgetKey();
    if (keyInput.current) keyInput.current.value = '';
    setShowKey(false);
    setNotice(
      'Key forgotten: removed from this tab and from this device. The base URL, organization and project are kept.',
    );
  }

  const report = test.state.status === 'done' ? test.state.report : null;

  return (
    <div className="flex flex-col gap-5 p-5">
      <div className="flex items-start justify-between gap-4">
        <h2 id={titleId} className="text-lg font-semibold">
          Connection
        </h2>
        <button type="button" onClick={onDone} className={secondaryButton}>
          Close
        </button>
      </div>

      <section aria-labelledby={sourceId} className="flex flex-col gap-2">
        <h3 id={sourceId} className="text-sm font-semibold text-slate-700">
          Where the data comes from
        </h3>
        <p className="text-sm text-slate-800">{describeDataSource(active, server)}</p>
        {needsDirectConnection(active, server) && (
          <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
            This build needs a direct connection: enter an API base URL and key below, test them,
            then connect.
          </p>
        )}
        {offersApi && active.kind === 'direct' && (
          <div>
            <button
              type="button"
              className={secondaryButton}
              onClick={() => {
                actions.switchToServer();
                onDone();
              }}
            >
              Use the server
            </button>
            <p className="mt-1 text-xs text-slate-600">
              Back to the viewer’s own server; the direct connection stays saved until you forget
              its key.
            </p>
          </div>
        )}
      </section>

      <form
        aria-labelledby={directId}
        noValidate
        className="flex flex-col gap-3 border-t border-slate-200 pt-4"
        onSubmit={(event) => {
          event.preventDefault();
          connect();
        }}
      >
        <div>
          <h3 id={directId} className="text-sm font-semibold text-slate-700">
            Direct connection
          </h3>
          <p className="mt-1 text-xs text-slate-600">
            For a static build served anywhere: this browser calls the API itself. The key is sent
            only to the base URL, in the Authorization header, and never put in a URL.
          </p>
        </div>

        <Field
          label="Base URL"
          problem={baseUrlProblem}
          hint={baseUrlCheck.ok ? baseUrlCheck.warning : null}
        >
          {({ inputId, describedBy }) => (
            <input
              id={inputId}
              type="url"
              value={baseURL}
              onChange={(event) => {
                setBaseURL(event.target.value);
                setBaseUrlProblem(null);
              }}
              aria-invalid={baseUrlProblem != null}
              aria-describedby={describedBy}
              autoComplete="url"
              spellCheck={false}
              className={inputClass}
            />
          )}
        </Field>

        <Field label="API key" problem={keyProblem}>
          {({ inputId, describedBy }) => (
            <div className="flex gap-2">
              <input
                id={inputId}
                ref={keyInput}
                type={showKey ? 'text' : 'password'}
                onChange={() => setKeyProblem(null)}
                aria-invalid={keyProblem != null}
                aria-describedby={describedBy}
                autoComplete="off"
                autoCapitalize="none"
                spellCheck={false}
                placeholder="sk-…"
                className={inputClass}
              />
              <button
                type="button"
                aria-pressed={showKey}
                aria-controls={inputId}
                onClick={() => setShowKey((shown) => !shown)}
                className={`${secondaryButton} shrink-0`}
              >
                Show key
              </button>
            </div>
          )}
        </Field>

        <div className="grid gap-3 sm:grid-cols-2">
          {(
            [
              ['Organization id (optional)', organization, setOrganization, 'org-…'],
              ['Project id (optional)', project, setProject, 'proj_…'],
            ] as const
          ).map(([label, value, setValue, placeholder]) => (
            <Field key={label} label={label}>
              {({ inputId, describedBy }) => (
                <input
                  id={inputId}
                  value={value}
                  onChange={(event) => setValue(event.target.value)}
                  aria-describedby={describedBy}
                  autoComplete="off"
                  spellCheck={false}
                  placeholder={placeholder}
                  className={inputClass}
                />
              )}
            </Field>
          ))}
        </div>

        <div className="flex items-start gap-2">
          <input
            id={rememberId}
            type="checkbox"
            checked={remember}
            onChange={(event) => changeRemember(event.target.checked)}
            aria-describedby={rememberHintId}
            className="mt-1 size-4 accent-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600"
          />
          <div>
            <label htmlFor={rememberId} className="text-sm font-medium text-slate-800">
              Remember on this device
            </label>
            <p id={rememberHintId} className="text-xs text-slate-600">
              Unticked, the key is kept in this tab only (sessionStorage) and is gone when the tab
              closes. Ticked, it stays in this browser (localStorage) until you press Forget key:
              anyone using this browser profile, and any script running on this page, can read it.
            </p>
          </div>
        </div>

        <div className="flex flex-wrap gap-2">
          <button
            type="button"
            className={secondaryButton}
            disabled={test.state.status === 'testing'}
            onClick={() => {
              setNotice(null);
              const connection = readForm(false);
              // A form that no longer validates hides an earlier result ("Connected" for other
              // values would mislead).
              if (connection) void test.run(connection);
              else test.reset();
            }}
          >
            Test connection
          </button>
          <button type="submit" className={primaryButton}>
            Connect
          </button>
          <button type="button" className={secondaryButton} onClick={forgetKey}>
            Forget key
          </button>
        </div>

        {test.state.status === 'testing' && (
          <p role="status" className="text-sm text-slate-700">
            Testing the connection…
          </p>
        )}
        {report && (
          <div
            role={report.ok ? 'status' : 'alert'}
            className={`rounded-md border px-3 py-2 text-sm ${report.ok ? 'border-emerald-300 bg-emerald-50 text-emerald-950' : 'border-rose-200 bg-rose-50 text-rose-950'}`}
          >
            <p className="font-semibold">{report.title}</p>
            <p className="mt-1">{report.detail}</p>
            {report.serverSaid && (
              <p className="mt-1 break-words">
                <span className="font-medium">Server said:</span> {report.serverSaid}
              </p>
            )}
          </div>
        )}
        {notice && (
          <p role="status" className="text-sm text-slate-800">
            {notice}
          </p>
        )}
      </form>

      <section
        aria-labelledby={imagesId}
        className="flex flex-col gap-2 border-t border-slate-200 pt-4"
      >
        <h3 id={imagesId} className="text-sm font-semibold text-slate-700">
          Remote images
        </h3>
        <RemoteImagesControl />
      </section>
    </div>
  );
}
