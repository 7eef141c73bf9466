import { FileJson, FileText } from 'lucide-react';
import type { MenuAction } from './ActionMenu';
import type { ExportFormat } from './chat-types';

/** "Export as Markdown" and "Export as JSON" for a conversation's menu. */
export function exportActions(exportAs: (format: ExportFormat) => void): MenuAction[] {
  return [
    { label: 'Export as Markdown', icon: FileText, onSelect: () => exportAs('markdown') },
    { label: 'Export as JSON', icon: FileJson, onSelect: () => exportAs('json') },
  ];
}
