// Two small markdown models, used only to check that escaped text stays inert. No markdown library is
// installed, and Teams' own renderers cannot run here, so the tests model the two families that
// render TextBlocks in Teams:
//   commonMarkish: CommonMark + GFM autolinks (Teams desktop/web; markdown-it or cmark-gfm style).
//     Honours backslash escapes. Reports the constructs it recognised and the visible text.
//   sharedModelish: the Adaptive Cards shared C++ parser used by the native mobile renderers
//     (source/shared/cpp/ObjectModel/MarkDownBlockParser.cpp): `[x](y)` is a link whatever
//     backslashes precede the `[`; `*`/`_` are emphasis unless the previous character is `\`.
// Each model over-approximates (reports a construct where a real parser might not), never the reverse
// for the constructs the tests rely on: links, autolinks, raw HTML, emphasis, code, headings, lists.

export interface MarkdownResult {
  /** Recognised constructs, e.g. ['link', 'emphasis']. Empty = the text was rendered literally. */
  constructs: string[];
  /** What a reader sees (tags stripped). */
  text: string;
  html: string;
}

const ASCII_PUNCT = /[!-/:-@[-`{-~]/;

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function blockMarker(line: string): { construct?: string; rest: string } {
  const m = /^ {0,3}(#{1,6})(?:\s+|$)(.*)$/.exec(line);
  if (m) return { construct: 'heading', rest: m[2] ?? '' };
  if (/^ {0,3}>/.test(line)) return { construct: 'blockquote', rest: line.replace(/^ {0,3}> ?/, '') };
  if (/^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/.test(line)) return { construct: 'thematicBreak', rest: '' };
  const list = /^ {0,3}([-+*]|\d{1,9}[.)])(?:\s+|$)(.*)$/.exec(line);
  if (list) return { construct: 'list', rest: list[2] ?? '' };
  return { rest: line };
}

function commonMarkLine(line: string, constructs: string[]): { text: string; html: string } {
  let text = '';
  let html = '';
  const delimiters = (c: string, from: number): boolean => {
    // Is there another unescaped `c` later on the line? (over-approximates emphasis/strikethrough)
    for (let j = from; j < line.length; j++) {
      if (line[j] === '\\' && j + 1 < line.length && ASCII_PUNCT.test(line[j + 1] ?? '')) j++;
      else if (line[j] === c) return true;
    }
    return false;
  };
  // GFM bare autolinks are found in the source text: a backslash-escape inside the URL breaks them.
  if (/(?:^|[\s*_~(])(?:https?:\/\/|www\.)[^\s<]/i.test(line)) constructs.push('bareUrl');
  for (let i = 0; i < line.length; i++) {
    const c = line[i] ?? '';
    const rest = line.slice(i);
    if (c === '\\' && i + 1 < line.length && ASCII_PUNCT.test(line[i + 1] ?? '')) {
      const next = line[i + 1] ?? '';
      text += next;
      html += escapeHtml(next);
      i++;
      continue;
    }
    if (c === '`') {
      const run = /^`+/.exec(rest)?.[0] ?? '`';
      const close = line.indexOf(run, i + run.length);
      if (close > 0) {
        constructs.push('code');
        const code = line.slice(i + run.length, close);
        text += code;
        html += `<code>${escapeHtml(code)}</code>`;
        i = close + run.length - 1;
        continue;
      }
      text += run;
      html += run;
      i += run.length - 1;
      continue;
    }
    if (c === '<') {
      const auto = /^<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s@<>]+@[^\s@<>]+)>/.exec(rest);
      if (auto) {
        constructs.push('autolink');
        text += auto[1] ?? '';
        html += `<a href="${escapeHtml(auto[1] ?? '')}">${escapeHtml(auto[1] ?? '')}</a>`;
        i += auto[0].length - 1;
        continue;
      }
      const tag = /^<\/?([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?\/?>/.exec(rest);
      if (tag) {
        constructs.push(tag[1]?.toLowerCase() === 'a' ? 'htmlLink' : 'html');
        html += tag[0];
        i += tag[0].length - 1;
        continue;
      }
    }
    if (c === '&') {
      const entity = /^&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/.exec(rest);
      if (entity) {
        constructs.push('entity');
        html += entity[0];
        text += '?';
        i += entity[0].length - 1;
        continue;
      }
    }
    if (c === '[' || (c === '!' && line[i + 1] === '[')) {
      const link = /^!?\[((?:[^[\]\\]|\\.)*)\]\(\s*(<[^>]*>|[^()\s]*)(?:\s+"[^"]*")?\s*\)/.exec(rest);
      if (link) {
        constructs.push(c === '!' ? 'image' : 'link');
        const inner = commonMarkLine(link[1] ?? '', constructs);
        text += inner.text;
        html += `<a href="${escapeHtml(link[2] ?? '')}">${inner.html}</a>`;
        i += link[0].length - 1;
        continue;
      }
    }
    if ((c === '*' || c === '_' || c === '~') && delimiters(c, i + 1)) {
      constructs.push(c === '~' ? 'strikethrough' : 'emphasis');
      html += '<em>';
      continue;
    }
    text += c;
    html += escapeHtml(c);
  }
  return { text, html };
}

export function commonMarkish(markdown: string): MarkdownResult {
  const constructs: string[] = [];
  const texts: string[] = [];
  const htmls: string[] = [];
  for (const line of markdown.split('\n')) {
    const block = blockMarker(line);
    if (block.construct) constructs.push(block.construct);
    const rendered = commonMarkLine(block.rest, constructs);
    texts.push(rendered.text);
    htmls.push(block.construct === 'list' ? `<li>${rendered.html}</li>` : `<p>${rendered.html}</p>`);
  }
  return { constructs, text: texts.join('\n'), html: htmls.join('') };
}

export function sharedModelish(markdown: string): MarkdownResult {
  const constructs: string[] = [];
  // LinkParser: '[' text ']' immediately followed by '(' and a destination not starting with a space.
  if (/\[[^\]\n]*\]\((?:\)|[^\s)\x00-\x1f][^)\n]*\))/.test(markdown)) constructs.push('link');
  // EmphasisParser: '*' or '_' whose previous character is not a backslash, with a partner later.
  const delims = [...markdown].filter((c, i, all) => (c === '*' || c === '_') && all[i - 1] !== '\\');
  if (delims.length >= 2) constructs.push('emphasis');
  const text = markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1');
  return { constructs, text, html: escapeHtml(text) };
}
