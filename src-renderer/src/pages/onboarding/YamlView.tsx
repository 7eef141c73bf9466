import { useEffect, useMemo, useRef } from 'react';

interface YamlViewProps {
  text: string;
  /** Lines with a problem (1-based). */
  marked: ReadonlySet<number>;
  /** A line to scroll into view (1-based); `seq` repeats a jump to the same line. */
  focus: { line: number; seq: number } | null;
}

/** Profile text, read-only, with line numbers; lines with a problem are marked. */
export function YamlView({ text, marked, focus }: YamlViewProps) {
  const lines = useMemo(() => text.replace(/\n$/, '').split('\n'), [text]);
  const box = useRef<HTMLPreElement>(null);

  useEffect(() => {
    const pre = box.current;
    if (!pre || !focus) return;
    const target = pre.querySelector<HTMLElement>(`[data-line="${focus.line}"]`);
    if (target) pre.scrollTop = Math.max(0, target.offsetTop - pre.clientHeight / 3);
  }, [focus]);

  return (
    <pre
      ref={box}
      className="onb-yaml"
      tabIndex={0}
      aria-label="Profile text"
      data-testid="profile-yaml"
    >
      <code>
        {lines.map((line, index) => (
          <span
            key={index}
            data-line={index + 1}
            className={marked.has(index + 1) ? 'onb-yaml__line is-marked' : 'onb-yaml__line'}
          >
            {line === '' ? ' ' : line}
            {'\n'}
          </span>
        ))}
      </code>
    </pre>
  );
}
