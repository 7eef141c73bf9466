import { memo } from 'react';
import type { ComponentPropsWithoutRef } from 'react';
import ReactMarkdown from 'react-markdown';
import type { Components, ExtraProps } from 'react-markdown';
import rehypeHighlight from 'rehype-highlight';
import remarkGfm from 'remark-gfm';
import { CodeBlock } from './CodeBlock';

// A reply's Markdown: GitHub tables, lists and task lists, highlighted code
// with a copy button. A model's raw HTML is never rendered: it shows as the
// text it is. Images are not fetched (a reply could point at any server);
// they become links the person may open.

interface MdNode {
  type: string;
  value?: string;
  children?: MdNode[];
}

/** Turns raw HTML in the Markdown into plain text, so it shows instead of vanishing. */
function remarkHtmlAsText() {
  const visit = (node: MdNode) => {
    if (node.type === 'html') node.type = 'text';
    node.children?.forEach(visit);
  };
  return (tree: MdNode) => visit(tree);
}

function Link({
  node: _node,
  href,
  children,
  ...rest
}: ComponentPropsWithoutRef<'a'> & ExtraProps) {
  return (
    <a {...rest} href={href} target="_blank" rel="noopener noreferrer" title={href}>
      {children}
    </a>
  );
}

function Image({ src, alt }: ComponentPropsWithoutRef<'img'> & ExtraProps) {
  const target = typeof src === 'string' ? src : '';
  return (
    <a
      className="md-image-link"
      href={target}
      target="_blank"
      rel="noopener noreferrer"
      title={target}
    >
      [image{alt ? `: ${alt}` : ''}]
    </a>
  );
}

const COMPONENTS: Components = { pre: CodeBlock, a: Link, img: Image };
const REMARK = [remarkGfm, remarkHtmlAsText];
const REHYPE = [rehypeHighlight];

export const Markdown = memo(function Markdown({ text }: { text: string }) {
  return (
    <div className="md">
      <ReactMarkdown remarkPlugins={REMARK} rehypePlugins={REHYPE} components={COMPONENTS}>
        {text}
      </ReactMarkdown>
    </div>
  );
});
