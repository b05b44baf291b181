import { Fragment, useId, useMemo, useState } from 'react';
import { CopyButton } from '@/components/copy-button.tsx';
import type { DeclaredTool, Json, ResponseFormat, StoredCompletion } from '@/api/types.ts';
import { formatNumber } from '@/lib/format.ts';
import { requestSummary, settingText } from '../utils/request-summary.ts';
import { ExtraFields } from './extra-fields.tsx';
import { JsonCode, prettyJsonValue } from './json-code.tsx';
import { JsonBlock } from './json-view.tsx';

/** Descriptions are shown up to this length (the JSON view has them whole). */
const DESCRIPTION_LIMIT = 2_000;

/**
 * Schemas and predicted outputs: long lines scroll inside the box (`contain: inline-size` keeps
 * them from widening the header on a phone), tall ones scroll within it too.
 */
const CODE_BOX =
  'mt-1.5 max-h-80 overflow-auto rounded-md border border-slate-200 bg-slate-50 p-2.5 font-mono text-xs leading-relaxed whitespace-pre text-slate-900 [contain:inline-size] focus-visible:outline-2 focus-visible:outline-sky-600';

const toggleClass =
  'rounded px-1.5 py-0.5 text-xs text-slate-600 hover:bg-slate-200 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-sky-600';

function clip(text: string): string {
  return text.length > DESCRIPTION_LIMIT
    ? `${text.slice(0, DESCRIPTION_LIMIT)}… (${formatNumber(text.length - DESCRIPTION_LIMIT)} more characters)`
    : text;
}

function Description({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <p
      className="mt-0.5 text-sm whitespace-pre-wrap text-slate-700 [overflow-wrap:anywhere]"
      dir="auto"
    >
      {clip(text)}
    </p>
  );
}

function Badge({ children }: { children: React.ReactNode }) {
  return (
    <span className="rounded bg-slate-200 px-1.5 py-0.5 font-mono text-xs text-slate-700">
      {children}
    </span>
  );
}

/** A toggle and the highlighted JSON it shows (a schema), rendered only while open. */
/** A button that shows or hides a block (`aria-expanded`) or turns a view on (`aria-pressed`). */
function Toggle({
  on,
  controls,
  kind,
  label,
  title,
  onToggle,
  className = '',
  children,
}: {
  on: boolean;
  /** The id of what it shows, while shown. */
  controls: string;
  kind: 'expanded' | 'pressed';
  label: string;
  title?: string;
  onToggle: () => void;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <button
      type="button"
      className={`${toggleClass} ${kind === 'expanded' ? 'aria-expanded:bg-slate-200' : 'aria-pressed:bg-slate-200'} ${className}`}
      aria-expanded={kind === 'expanded' ? on : undefined}
      aria-pressed={kind === 'pressed' ? on : undefined}
      aria-controls={on ? controls : undefined}
      aria-label={label}
      title={title}
      onClick={onToggle}
    >
      {children}
    </button>
  );
}

function useCodeToggle() {
  const [open, setOpen] = useState(false);
  const id = useId();
  return {
    open,
    id,
    button: (what: string, of: string) => (
      <Toggle
        on={open}
        controls={id}
        kind="expanded"
        label={`${open ? 'Hide' : 'Show'} ${what} of ${of}`}
        onToggle={() => setOpen((value) => !value)}
        className="ms-auto"
      >
        {open ? 'Hide' : 'Show'} {what}
      </Toggle>
    ),
  };
}

/** A request setting with a block of code to show: a heading, a line of facts, the code. */
function CodeBlockSetting({
  testId,
  title,
  facts,
  description,
  code,
}: {
  testId: string;
  title: string;
  facts: React.ReactNode;
  description?: string | null;
  code: React.ReactNode;
}) {
  return (
    <div data-testid={testId}>
      <h3 className="text-xs font-medium tracking-wide text-slate-500 uppercase">{title}</h3>
      <div className="mt-1 flex flex-wrap items-baseline gap-x-2 gap-y-1 text-sm">{facts}</div>
      {description !== undefined && <Description text={description} />}
      {code}
    </div>
  );
}

function ResponseFormatView({ format }: { format: ResponseFormat }) {
  const toggle = useCodeToggle();
  const name = format.name ?? format.type ?? 'the response format';
  return (
    <CodeBlockSetting
      testId="request-response-format"
      title="Response format"
      facts={
        <>
          <code className="font-mono text-slate-900">{format.type ?? '(no type)'}</code>
          {format.name != null && (
            <code className="font-mono font-semibold [overflow-wrap:anywhere] text-slate-900">
              {format.name}
            </code>
          )}
          {format.strict != null && <Badge>strict: {String(format.strict)}</Badge>}
          {format.schema !== undefined && toggle.button('schema', name)}
        </>
      }
      description={format.description}
      code={
        toggle.open && (
          <JsonCode
            code={prettyJsonValue(format.schema)}
            id={toggle.id}
            label={`Schema of ${name}`}
            className={CODE_BOX}
            scrolls
          />
        )
      }
    />
  );
}

function ToolView({ tool, position }: { tool: DeclaredTool; position: number }) {
  const toggle = useCodeToggle();
  const name = tool.name ?? `tool ${position}`;
  const known = tool.type != null || tool.name != null;
  return (
    <li className="min-w-0 py-2 first:pt-0 last:pb-0" data-testid="request-tool">
      <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1 text-sm">
        {tool.type != null && (
          <span className="font-mono text-xs text-slate-600">{settingText(tool.type, 60)}</span>
        )}
        {known ? (
          <code className="font-mono font-semibold [overflow-wrap:anywhere] text-slate-900">
            {tool.name ?? '(no name)'}
          </code>
        ) : (
          // Not a tool object at all: what it is.
          <code className="font-mono text-xs [overflow-wrap:anywhere] text-slate-900">
            {settingText(tool.raw)}
          </code>
        )}
        {tool.strict != null && <Badge>strict: {String(tool.strict)}</Badge>}
        {tool.schema !== undefined && toggle.button(tool.schemaField ?? 'schema', name)}
      </div>
      <Description text={tool.description} />
      {toggle.open && (
        <JsonCode
          code={prettyJsonValue(tool.schema)}
          id={toggle.id}
          label={`${tool.schemaField === 'format' ? 'Format' : 'Parameters'} of ${name}`}
          className={CODE_BOX}
          scrolls
        />
      )}
    </li>
  );
}

/** `prediction.content`: its text (a string, or text parts joined), or else its JSON. */
function predictionText(prediction: Json): { text: string; json: boolean } {
  const content =
    typeof prediction === 'object' && prediction !== null && !Array.isArray(prediction)
      ? prediction.content
      : undefined;
  if (typeof content === 'string') return { text: content, json: false };
  if (Array.isArray(content)) {
    const texts = content.map((part) =>
      typeof part === 'object' && part !== null && !Array.isArray(part) ? part.text : undefined,
    );
    if (texts.every((text) => typeof text === 'string')) {
      return { text: texts.join('\n'), json: false };
    }
  }
  return { text: prettyJsonValue(prediction), json: true };
}

function PredictionView({ prediction }: { prediction: Json }) {
  const toggle = useCodeToggle();
  const { text, json } = useMemo(() => predictionText(prediction), [prediction]);
  const type =
    typeof prediction === 'object' && prediction !== null && !Array.isArray(prediction)
      ? prediction.type
      : undefined;
  return (
    <CodeBlockSetting
      testId="request-prediction"
      title="Predicted output"
      facts={
        <>
          {type !== undefined && (
            <code className="font-mono text-slate-900">{settingText(type, 60)}</code>
          )}
          {!json && (
            <span className="text-xs text-slate-600">{formatNumber(text.length)} characters</span>
          )}
          {toggle.button('prediction', 'the request')}
        </>
      }
      code={
        toggle.open && (
          <JsonCode
            code={text}
            highlight={json}
            id={toggle.id}
            label="Predicted output"
            className={CODE_BOX}
            scrolls
          />
        )
      }
    />
  );
}

function RequestDetails({ completion, id }: { completion: StoredCompletion; id: string }) {
  const { request, extra } = completion;
  const rows: { term: string; value: string; copy?: string }[] = [
    { term: 'model', value: completion.model },
    ...request.settings.map((setting) => ({
      term: setting.key,
      value: settingText(setting.exact ?? setting.value, DESCRIPTION_LIMIT),
    })),
  ];
  if (request.toolChoice !== undefined) {
    rows.push({ term: 'tool_choice', value: settingText(request.toolChoice, DESCRIPTION_LIMIT) });
  }
  if (request.requestId != null) {
    rows.push({ term: 'request_id', value: request.requestId, copy: request.requestId });
  }
  return (
    <div
      id={id}
      className="mt-2 flex flex-col gap-4 rounded-md border border-slate-200 p-3"
      data-testid="request-details"
    >
      <dl className="grid grid-cols-[max-content_minmax(0,1fr)] items-baseline gap-x-4 gap-y-1">
        {rows.map((row) => (
          <Fragment key={row.term}>
            <dt className="font-mono text-xs text-slate-600">{row.term}</dt>
            <dd className="min-w-0 font-mono text-xs [overflow-wrap:anywhere] text-slate-900">
              {row.value}
              {row.copy != null && (
                <>
                  {' '}
                  <CopyButton text={row.copy} label={`Copy ${row.term}`} />
                </>
              )}
            </dd>
          </Fragment>
        ))}
      </dl>
      {request.responseFormat && <ResponseFormatView format={request.responseFormat} />}
      {request.tools.length > 0 && (
        <div>
          <h3 className="text-xs font-medium tracking-wide text-slate-500 uppercase">
            Tools ({formatNumber(request.tools.length)})
          </h3>
          <ul className="mt-1 divide-y divide-slate-200">
            {request.tools.map((tool, i) => (
              // Tools are read once per completion and never reordered: the position is a key.
              <ToolView key={i} tool={tool} position={i} />
            ))}
          </ul>
        </div>
      )}
      {request.prediction !== undefined && <PredictionView prediction={request.prediction} />}
      {Object.keys(extra).length > 0 && (
        <div>
          <h3 className="mb-1 text-xs font-medium tracking-wide text-slate-500 uppercase">
            Other fields
          </h3>
          <ExtraFields fields={extra} label={completion.id} owner="completion" />
        </div>
      )}
    </div>
  );
}

/**
 * What the completion says of its request beyond the messages: one line of the key settings,
 * "Details" for all of them (tools and response format with their schemas, the predicted
 * output, the request id, any field no other view shows), and "JSON" for the completion
 * exactly as received. Nothing in it loads or changes height by itself: only the reader's
 * toggles open things, and the highlighting they bring keeps the plain text's lines.
 */
export function RequestSection({ completion }: { completion: StoredCompletion }) {
  const { request, extra } = completion;
  const summary = useMemo(() => requestSummary(request), [request]);
  const others = Object.keys(extra).length;
  // Integers past 2^53 (a seed) as received, for the JSON view.
  const exact = useMemo(
    () =>
      Object.fromEntries(
        request.settings.flatMap((setting) =>
          setting.exact === undefined ? [] : [[setting.key, setting.exact]],
        ),
      ),
    [request],
  );
  const [open, setOpen] = useState(false);
  const [showJson, setShowJson] = useState(false);
  const headingId = useId();
  const detailsId = useId();
  const jsonId = useId();
  return (
    <section aria-labelledby={headingId} className="mt-3" data-testid="request-section">
      <div className="flex items-center gap-2">
        <h2 id={headingId} className="text-xs font-medium tracking-wide text-slate-500 uppercase">
          Request
        </h2>
        <Toggle
          on={open}
          controls={detailsId}
          kind="expanded"
          label="Request details"
          onToggle={() => setOpen((value) => !value)}
        >
          <span aria-hidden="true" className="me-1 text-slate-500">
            {open ? '▾' : '▸'}
          </span>
          Details
        </Toggle>
        <Toggle
          on={showJson}
          controls={jsonId}
          kind="pressed"
          label="Completion JSON"
          title="The whole completion object, exactly as received"
          onToggle={() => setShowJson((value) => !value)}
        >
          JSON
        </Toggle>
      </div>
      {summary.length > 0 || others > 0 ? (
        <ul
          className="mt-1 flex flex-wrap gap-x-4 gap-y-0.5 font-mono text-xs"
          aria-label="Key settings"
          data-testid="request-summary"
        >
          {summary.map((item) => (
            <li key={item.key} className="max-w-full truncate">
              <span className="text-slate-600">{item.key}</span>{' '}
              <span className="text-slate-900">{item.value}</span>
            </li>
          ))}
          {others > 0 && (
            // Fields no view knows, listed under Details. (A plain count: a locale's digits
            // arriving later must not change this line.)
            <li className="max-w-full truncate text-slate-600">
              +{String(others)} other {others === 1 ? 'field' : 'fields'}
            </li>
          )}
        </ul>
      ) : (
        <p className="mt-1 text-sm text-slate-600">No settings stored</p>
      )}
      {open && <RequestDetails completion={completion} id={detailsId} />}
      {showJson && (
        <div id={jsonId} className="mt-2" data-testid="completion-json">
          <JsonBlock value={completion.raw} exact={exact} label="Completion as received" />
        </div>
      )}
    </section>
  );
}
