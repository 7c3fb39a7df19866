import { Blob as NodeBlob, File as NodeFile } from 'node:buffer';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// Vitest's jsdom keeps Node's fetch but jsdom's FormData/Blob/File, which Node's fetch
// cannot send (the request hangs). A browser has one matching set; so do these tests:
// Node's, with FormData still able to read a <form>'s text fields as a browser's can.
if (typeof window !== 'undefined') {
  const JsdomFormData = globalThis.FormData;
  const NodeFormData = (await new Response('a=b', { headers: { 'content-type': 'application/x-www-form-urlencoded' } }).formData())
    .constructor as typeof FormData;
  class BrowserLikeFormData extends NodeFormData {
    constructor(form?: HTMLFormElement, submitter?: HTMLElement | null) {
      super();
      if (!form) return;
      for (const [name, value] of new JsdomFormData(form, submitter)) {
        if (typeof value !== 'string') throw new Error('test setup: file fields of a <form> are not supported; append Files yourself');
        this.append(name, value);
      }
    }
  }
  Object.assign(globalThis, { FormData: BrowserLikeFormData, Blob: NodeBlob, File: NodeFile });
  afterEach(() => cleanup());
}
