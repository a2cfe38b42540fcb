import { csrfHeaders, networkError, readResponse } from './client.ts';

/** Bytes sent so far out of the total, for a progress bar. */
export interface UploadProgress {
  loaded: number;
  total: number;
}

export interface Upload<T> {
  done: Promise<T>;
  abort: () => void;
}

/**
 * POSTs raw bytes with XMLHttpRequest rather than fetch: only XHR reports upload progress,
 * which matters for a big register sent over slow mobile data. Errors are the same ApiError
 * as the JSON client's, with the same CSRF header.
 */
export function uploadBytes<T>(url: string, body: Blob, onProgress: (p: UploadProgress) => void): Upload<T> {
  const xhr = new XMLHttpRequest();
  const done = new Promise<T>((resolve, reject) => {
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    for (const [name, value] of Object.entries(csrfHeaders())) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => {
      onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : body.size });
    };
    xhr.onload = () => {
      try {
        resolve(readResponse<T>(xhr.status, xhr.responseText));
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    };
    xhr.onerror = () => reject(networkError());
    xhr.onabort = () => reject(new DOMException('Upload aborted', 'AbortError'));
    xhr.send(body);
  });
  return { done, abort: () => xhr.abort() };
}
