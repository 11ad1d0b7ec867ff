import { ExportError, ExportTooLargeError, readExport } from '@lbx/letterboxd';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { makeExportZip, withDeclaredSize } from './fixtures/export/make-export-zip';
import { member2026 } from './fixtures/export/member-2026';

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

async function tooLarge(promise: Promise<unknown>): Promise<ExportTooLargeError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ExportTooLargeError);
  expect(error).toBeInstanceOf(ExportError);
  expect((error as ExportError).reason).toBe('too-large');
  return error as ExportTooLargeError;
}

describe('readExport: size limits and ZIP bombs', () => {
  it('refuses an upload larger than 50 MiB by default, before reading it', async () => {
    const error = await tooLarge(readExport(new Uint8Array(50 * MIB + 1)));
    expect(error).toMatchObject({ limit: 'maxZipBytes', limitBytes: 50 * MIB, actualBytes: 50 * MIB + 1 });
    expect(error.message).toMatch(/larger than the maxZipBytes limit \(50\.0 MiB > 50\.0 MiB\)/);
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
    expect(error).toMatchObject({ limit: 'maxFileBytes', limitBytes: 100 * MIB, actualBytes: 300_000_000, file: 'ratings.csv' });
  });

  it('refuses entries whose declared sizes add up past maxTotalBytes', async () => {
    const zip = withDeclaredSize(makeExportZip(member2026), 20 * MIB);
    const error = await tooLarge(readExport(zip));
    expect(error.limit).toBe('maxTotalBytes');
    expect(error.actualBytes).toBeGreaterThan(200 * MIB);
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
