/**
 * The content script's side of the checker frame (src/checker/protocol.ts): puts the frame in the
 * page, invisible, inside a closed shadow root of ours; hands it a MessageChannel; and sends it
 * requests, each answered or given up after its time limit. The frame's address is given by the
 * caller (browser.runtime.getURL in the entrypoint), so this file needs no extension API.
 */
import { type CheckerRequest, type CheckerResponse, CONNECT } from '../checker/protocol';
import { OWN_ATTRIBUTE } from './watch';

type Request = CheckerRequest extends infer R ? (R extends { seq: number } ? Omit<R, 'seq'> : never) : never;
type Answer<T extends Request['type']> =
  | Extract<CheckerResponse, { type: T }>
  | Extract<CheckerResponse, { type: 'failed' }>;

export interface CheckerClient {
  /** The answer, or null when the frame did not answer within `timeoutMs` (or is gone). */
  ask<T extends Request['type']>(
    request: Extract<Request, { type: T }>,
    timeoutMs: number,
  ): Promise<Answer<T> | null>;
  close(): void;
}

export function openChecker(doc: Document, frameUrl: string, signal: AbortSignal): CheckerClient {
  const host = doc.createElement('div');
  host.setAttribute(OWN_ATTRIBUTE, 'checker');
  host.style.cssText = 'position:absolute;width:0;height:0;overflow:hidden;';
  const root = host.attachShadow({ mode: 'closed' });
  const frame = doc.createElement('iframe');
  frame.src = frameUrl;
  frame.setAttribute('aria-hidden', 'true');
  frame.tabIndex = -1;
  frame.style.cssText = 'width:0;height:0;border:0;';
  root.append(frame);
  const channel = new MessageChannel();
  const waiting = new Map<number, (response: CheckerResponse) => void>();
  let seq = 0;
  let ready: Promise<void> | null = new Promise<void>((resolve) => {
    channel.port1.onmessage = ({ data }: MessageEvent<CheckerResponse>) => {
      if (data.type === 'ready') return resolve();
      waiting.get(data.seq)?.(data);
      waiting.delete(data.seq);
    };
  });
  frame.addEventListener(
    'load',
    () => frame.contentWindow?.postMessage({ type: CONNECT }, new URL(frameUrl).origin, [channel.port2]),
    { once: true },
  );
  (doc.body ?? doc.documentElement).append(host);
  const close = () => {
    ready = null;
    for (const resolve of waiting.values()) resolve({ type: 'failed', seq: -1, error: 'closed' });
    waiting.clear();
    channel.port1.close();
    host.remove();
  };
  signal.addEventListener('abort', close, { once: true });
  return {
    async ask(request, timeoutMs) {
      if (!ready) return null;
      const id = ++seq;
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          resolve(null);
        }, timeoutMs);
        waiting.set(id, (response) => {
          clearTimeout(timer);
          resolve(response as never);
        });
        void ready?.then(() => channel.port1.postMessage({ ...request, seq: id }));
      });
    },
    close,
  };
}
