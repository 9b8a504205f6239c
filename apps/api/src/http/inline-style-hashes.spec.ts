import { createHash } from 'node:crypto';
import { bundleStyleHashes, pageStyleHashes } from './inline-style-hashes';

const sha = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

describe('inline style hashes', () => {
  it('hashes every <style> block and style attribute of a page, each once', () => {
    const html = '<style>\n body { margin: 0 }\n</style><div style="display:flex;gap:1rem"></div><span style="display:flex;gap:1rem"></span><style media="x">a{}</style>';
    expect(pageStyleHashes(html, 'page')).toEqual([sha('\n body { margin: 0 }\n'), sha('a{}'), sha('display:flex;gap:1rem')]);
  });

  it('refuses a templated or entity-encoded style, whose hash would not match the page', () => {
    expect(() => pageStyleHashes('<style><%= css %></style>', 'bull-board')).toThrow(/bull-board: an inline style is templated/);
    expect(() => pageStyleHashes('<p style="font-family:&quot;x&quot;"></p>', 'page')).toThrow(/entity-encoded/);
  });

  it("hashes the constant <style> elements of a bundle's React code, unescaped", () => {
    const bundle = 'n.createElement("style",null,".a{fill:#fff}\\n"),(0,n.jsx)("style",{children:`\n  .b {fill: #000}\n`}),n.createElement("style",null,x)';
    expect(bundleStyleHashes(bundle)).toEqual([sha('.a{fill:#fff}\n'), sha('\n  .b {fill: #000}\n')]);
  });
});
