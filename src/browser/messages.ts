/**
 * Sending a request of src/messaging/protocol.ts to the background from a content script or an
 * extension page: typed by the message, and never throwing (a failed send is an ErrorResponse).
 */
import { browser } from 'wxt/browser';
import type { AnswerOf, MessageType, RequestFields } from '../messaging/protocol';
import { errorMessage } from '../platform/error-message';

export async function ask<T extends MessageType>(type: T, fields: RequestFields<T>): Promise<AnswerOf<T>> {
  try {
    return (await browser.runtime.sendMessage({ type, ...fields })) as AnswerOf<T>;
  } catch (error) {
    return { ok: false, error: errorMessage(error) };
  }
}
