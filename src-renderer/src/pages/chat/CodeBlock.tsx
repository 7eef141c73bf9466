import type { ComponentPropsWithoutRef } from 'react';
import type { ExtraProps } from 'react-markdown';
import { CopyButton } from './CopyButton';

// A fenced code block from a reply: its language, a copy button, and the
// highlighted code rehype-highlight produced.

interface HastNode {
  type: string;
  value?: string;
  tagName?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
}

/** The plain text under a node (what the copy button copies). */
export function textOf(node: HastNode | undefined): string {
  if (!node) return '';
  if (node.type === 'text') return node.value ?? '';
  return (node.children ?? []).map(textOf).join('');
}

/** `python` from a `language-python` class on the <code> inside. */
function languageOf(node: HastNode | undefined): string | null {
  const code = node?.children?.find((child) => child.tagName === 'code');
  const classes = code?.properties?.['className'];
  const list = Array.isArray(classes) ? classes.map(String) : [];
  const language = list.find((name) => name.startsWith('language-'));
  return language ? language.slice('language-'.length) : null;
}

export function CodeBlock({
  node,
  children,
  ...rest
}: ComponentPropsWithoutRef<'pre'> & ExtraProps) {
  const tree = node as HastNode | undefined;
  const language = languageOf(tree);
  return (
    <div className="md-code" data-language={language ?? 'text'}>
      <div className="md-code__bar">
        <span className="md-code__language">{language ?? 'text'}</span>
        <CopyButton label="Copy code" text={() => textOf(tree).replace(/\n$/, '')} />
      </div>
      <pre {...rest}>{children}</pre>
    </div>
  );
}
