import { ApiError } from './errors';

const MB = 1024 * 1024;

/** The 413 a body over `maxBytes` gets, in the words of the other body limits. */
function tooLarge(maxBytes: number): ApiError {
  return new ApiError(413, 'payload_too_large', `the request body exceeds ${maxBytes / MB} MB`);
}

/**
 * A request body as chunks, refused with 413 once more than `maxBytes` arrive: as soon as a
 * declared Content-Length says so, else at the byte that crosses the limit. Hono's bodyLimit reads
 * a body without a length into memory first, which a streamed import must not do.
 */
export async function* limitedBody(request: Request, maxBytes: number): AsyncGenerator<Uint8Array> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (!request.headers.has('transfer-encoding') && declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return;
  const reader = request.body.getReader();
  let size = 0;
  let done = false;
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) {
        done = true;
        return;
      }
      size += next.value.byteLength;
      if (size > maxBytes) throw tooLarge(maxBytes);
      yield next.value;
    }
  } finally {
    // Stopped early (a refusal, a bad file): the rest of the body is not read.
    if (!done) await reader.cancel().catch(() => undefined);
  }
}
