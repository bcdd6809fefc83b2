// A Word document (.docx) opened in the page gives the same analysis as its text; a damaged PDF gets a plain message.
import { test, expect } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { seedPath } from './helpers.mjs';

/** A .docx of `paragraphs`: a zip holding word/document.xml, each paragraph split in two runs as Word does. */
function docx(paragraphs) {
  const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const body = paragraphs
    .map((p) => {
      const half = Math.floor(p.length / 2);
      return `<w:p><w:r><w:t xml:space="preserve">${esc(p.slice(0, half))}</w:t></w:r><w:r><w:t>${esc(p.slice(half))}</w:t></w:r></w:p>`;
    })
    .join('');
  const xml = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="x"><w:body>${body}</w:body></w:document>`);
  const packed = deflateRawSync(xml);
  const name = Buffer.from('word/document.xml');
  const fixed = () => {
    // flags, method, time, date, crc (not checked), sizes, name length, extra length
    const b = Buffer.alloc(24);
    b.writeUInt16LE(8, 2); // deflate
    b.writeUInt32LE(packed.length, 12);
    b.writeUInt32LE(xml.length, 16);
    b.writeUInt16LE(name.length, 20);
    return b;
  };
  const local = Buffer.concat([Buffer.from('PK\x03\x04\x14\x00', 'latin1'), fixed(), name, packed]);
  const central = Buffer.concat([Buffer.from('PK\x01\x02\x14\x00\x14\x00', 'latin1'), fixed(), Buffer.alloc(14), name]);
  const end = Buffer.alloc(22);
  end.write('PK\x05\x06', 0, 'latin1');
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length, 12);
  end.writeUInt32LE(local.length, 16);
  return Buffer.concat([local, central, end]);
}

test.skip(!existsSync(seedPath), `reference article not found at ${seedPath}`);

test('the reference article as a .docx gives the same dates, places and events as its text', async ({ page }) => {
  const paragraphs = readFileSync(seedPath, 'utf8').split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  await page.goto('./');
  const box = page.getByRole('textbox', { name: 'Article text' });
  await box.fill(paragraphs.join('\n\n') + '\n');
  const status = page.getByRole('status');
  await expect(status).toContainText(/\d+ dates, [1-9]\d* places, [1-9]\d* events/);
  const fromText = (await status.textContent()).match(/\d+ dates, \d+ places, \d+ events/)[0];

  await page.goto('./');
  await page.locator('input[type=file]').setInputFiles({
    name: 'afp.docx',
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    buffer: docx(paragraphs),
  });
  await expect(status).toContainText(fromText);
  await expect(box).toHaveValue(new RegExp('^' + paragraphs[0].slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));

  await page.locator('input[type=file]').setInputFiles({ name: 'report.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n%\xe2\xe3\n', 'latin1') });
  await expect(page.getByRole('alert').filter({ hasText: 'report.pdf: this PDF is damaged' })).toBeVisible();
  await expect(box).toHaveValue(new RegExp('^' + paragraphs[0].slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), { timeout: 1000 });
});
