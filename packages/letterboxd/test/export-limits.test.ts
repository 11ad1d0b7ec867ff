import { LetterboxdExportError, LetterboxdExportTooLargeError, LetterboxdExportTooManyError, readExport } from '@lbx/letterboxd';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { makeExportZip, withDeclaredSize } from './fixtures/export/make-export-zip.js';
import { member2026 } from './fixtures/export/member-2026.js';

const MIB = 1024 * 1024;

const bombs = new Map<number, Uint8Array>();
/** A ratings.csv of `size` bytes: a valid header, then spaces (compresses ~1000:1). Built once per size. */
function bombZip(size: number): Uint8Array {
  const built = bombs.get(size);
  if (built) return built;
  const data = new Uint8Array(size).fill(0x20);
  data.set(strToU8('Date,Name,Year,Letterboxd URI,Rating\r\n'));
  const zip = zipSync({ 'ratings.csv': [data, { level: 1 }] });
  bombs.set(size, zip);
  return zip;
}

async function tooLarge(promise: Promise<unknown>): Promise<LetterboxdExportTooLargeError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LetterboxdExportTooLargeError);
  expect(error).toBeInstanceOf(LetterboxdExportError);
  expect((error as LetterboxdExportError).reason).toBe('too-large');
  return error as LetterboxdExportTooLargeError;
}

describe('readExport: size limits and ZIP bombs', () => {
  it('refuses an upload larger than 32 MiB by default, before reading it', async () => {
    const error = await tooLarge(readExport(new Uint8Array(32 * MIB + 1)));
    expect(error).toMatchObject({ limit: 'maxZipBytes', limitBytes: 32 * MIB, actualBytes: 32 * MIB + 1 });
    expect(error.message).toMatch(/larger than the maxZipBytes limit \(32\.0 MiB > 32\.0 MiB\)/);
  });

  it('refuses a CSV over 32 MiB by default: real exports are a few MB', async () => {
    // 40 MiB of ratings.csv in a ZIP of ~40 KB: accepted by the old 100 MiB default.
    const error = await tooLarge(readExport(bombZip(40 * MIB)));
    expect(error).toMatchObject({ limit: 'maxFileBytes', limitBytes: 32 * MIB, actualBytes: 40 * MIB, file: 'ratings.csv' });
  });

  it('honours a lower maxZipBytes', async () => {
    const zip = makeExportZip(member2026);
    const error = await tooLarge(readExport(zip, { maxZipBytes: 1000 }));
    expect(error).toMatchObject({ limit: 'maxZipBytes', limitBytes: 1000, actualBytes: zip.length });
  });

  it('refuses an entry whose header declares 300 MB from the declared size alone', async () => {
    // The content is tiny: only the declared size can trigger the refusal, so nothing was inflated.
    const zip = withDeclaredSize(makeExportZip({ 'ratings.csv': member2026['ratings.csv'] as string }), 300_000_000);
    const error = await tooLarge(readExport(zip));
    expect(error).toMatchObject({ limit: 'maxFileBytes', limitBytes: 32 * MIB, actualBytes: 300_000_000, file: 'ratings.csv' });
  });

  it('refuses entries whose declared sizes add up past maxTotalBytes', async () => {
    const zip = withDeclaredSize(makeExportZip(member2026), 20 * MIB);
    const error = await tooLarge(readExport(zip));
    expect(error.limit).toBe('maxTotalBytes');
    expect(error.limitBytes).toBe(64 * MIB);
    expect(error.actualBytes).toBeGreaterThan(64 * MIB);
  });

  it('refuses an honest ZIP bomb (24 MiB inflating from 24 KB) from its declared size', async () => {
    const zip = bombZip(24 * MIB);
    expect(zip.length).toBeLessThan(64 * 1024);
    const error = await tooLarge(readExport(zip, { maxFileBytes: 2 * MIB }));
    expect(error).toMatchObject({ limit: 'maxFileBytes', actualBytes: 24 * MIB, file: 'ratings.csv' });
  });

  it('stops inflating a bomb whose headers understate its size, long before the end', async () => {
    const zip = withDeclaredSize(bombZip(24 * MIB), 100);
    const error = await tooLarge(readExport(zip, { maxFileBytes: 2 * MIB }));
    expect(error.limit).toBe('maxFileBytes');
    expect(error.actualBytes).toBeGreaterThan(2 * MIB);
    expect(error.actualBytes).toBeLessThan(24 * MIB);
  });

  it('enforces maxTotalBytes while inflating, too', async () => {
    const zip = withDeclaredSize(bombZip(24 * MIB), 100);
    const error = await tooLarge(readExport(zip, { maxTotalBytes: 3 * MIB }));
    expect(error.limit).toBe('maxTotalBytes');
    expect(error.actualBytes).toBeLessThan(24 * MIB);
  });

  it('reads an export that fits the limits exactly', async () => {
    const data = await readExport(makeExportZip({ 'ratings.csv': member2026['ratings.csv'] as string }), {
      maxFileBytes: new TextEncoder().encode(member2026['ratings.csv']).length,
    });
    expect(data.ratings).toHaveLength(7);
  });
});

/** A ZIP of `count` tiny entries besides a valid ratings.csv. */
function manyEntries(count: number): Uint8Array {
  const files: Record<string, Uint8Array> = { 'ratings.csv': strToU8(member2026['ratings.csv'] as string) };
  for (let i = 1; i < count; i++) files[`deleted/lists/list-${i}.txt`] = strToU8('x');
  return zipSync(files, { level: 0 });
}

/** Overwrites the entry counts of the end-of-central-directory record (offsets 8 and 10). */
function withDeclaredEntryCount(zip: Uint8Array, count: number): Uint8Array {
  const out = zip.slice();
  const at = out.length - 22;
  out[at + 8] = out[at + 10] = count & 0xff;
  out[at + 9] = out[at + 11] = (count >>> 8) & 0xff;
  return out;
}

async function tooMany(promise: Promise<unknown>): Promise<LetterboxdExportTooManyError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LetterboxdExportTooManyError);
  expect((error as LetterboxdExportError).reason).toBe('too-large');
  return error as LetterboxdExportTooManyError;
}

describe('readExport: entry and row limits', () => {
  it('refuses a ZIP declaring more than 10,000 entries by default, from its last bytes', async () => {
    const error = await tooMany(readExport(manyEntries(10_001)));
    expect(error).toMatchObject({ limit: 'maxEntries', max: 10_000, actual: 10_001 });
    expect(error.message).toMatch(/holds 10001 entries, over the maxEntries limit of 10000/);
  });

  it('counts the entries itself when the end record understates them', async () => {
    const zip = withDeclaredEntryCount(manyEntries(8), 1);
    const error = await tooMany(readExport(zip, { maxEntries: 5 }));
    expect(error).toMatchObject({ limit: 'maxEntries', max: 5, actual: 6 });
  });

  it('refuses more than 250,000 CSV rows by default, naming the file', async () => {
    const rows = `Date,Name,Year,Letterboxd URI,Rating\r\n${',,,,\r\n'.repeat(250_000)}`;
    const error = await tooMany(readExport(makeExportZip({ 'ratings.csv': rows })));
    expect(error).toMatchObject({ limit: 'maxRows', max: 250_000, actual: 250_001, file: 'ratings.csv' });
    expect(error.message).toMatch(/more than 250000 CSV rows \(the limit was passed in "ratings\.csv"\)/);
  });

  it('counts rows across every file read', async () => {
    const zip = makeExportZip(member2026);
    const error = await tooMany(readExport(zip, { maxRows: 12 }));
    expect(error.limit).toBe('maxRows');
    expect(error.actual).toBe(13);
  });

  it('reads an export within maxEntries and maxRows', async () => {
    const data = await readExport(makeExportZip({ 'ratings.csv': member2026['ratings.csv'] as string }), {
      maxEntries: 1,
      maxRows: 8,
    });
    expect(data.ratings).toHaveLength(7);
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects maxEntries/maxRows %s', async (value) => {
    await expect(readExport(new Uint8Array(1), { maxEntries: value })).rejects.toThrow(RangeError);
    await expect(readExport(new Uint8Array(1), { maxRows: value })).rejects.toThrow(/maxRows must be a positive whole number/);
  });
});

describe('readExport: leaves the event loop free', () => {
  it('gives other work turns while it parses a large CSV', async () => {
    const rows = Array.from({ length: 6000 }, (_, i) => `2024-01-01,Film ${i},2001,https://boxd.it/f${i},4`);
    const zip = makeExportZip({ 'ratings.csv': `Date,Name,Year,Letterboxd URI,Rating\r\n${rows.join('\r\n')}\r\n` });
    let turns = 0;
    let done = false;
    const spin = () => {
      if (done) return;
      turns += 1;
      setImmediate(spin);
    };
    setImmediate(spin);
    const data = await readExport(zip).finally(() => (done = true));
    expect(data.ratings).toHaveLength(6000);
    // ~270 KB of CSV in 64 K chunks: other callbacks ran between the chunks, not only after the whole parse.
    expect(turns).toBeGreaterThanOrEqual(3);
  });
});
