import { lowerAligned } from '../signals/keyword/case-fold';
import { LiteralScanner } from '../signals/keyword/literal-scanner';
import { isWordBoundary, literalNeedsBoundaries } from '../signals/keyword/word-boundary';

// Words people use when what follows is private: a request to keep it local,
// a document marked internal or confidential, code they call their own,
// personal records. Homelane reads them in every message of a request,
// whatever the policy says, as part of its own privacy layer. Phrases are
// several words long on purpose: "internal" alone is also an engine part.

export type MarkerCategory =
  'local_only' | 'internal_document' | 'private_code' | 'personal_record';

const PHRASES: Readonly<Record<MarkerCategory, readonly string[]>> = {
  local_only: [
    'keep this local',
    'keep it local',
    'keep this on my machine',
    'process this locally',
    'process it locally',
    'local processing only',
    'local model only',
    'only use a local model',
    'do not send this to the cloud',
    "don't send this to the cloud",
    'do not upload',
    "don't upload this",
    'must not leave this machine',
    'must not leave my machine',
    'should not leave this machine',
    'on-prem only',
    'on-premises only',
    'offline only',
    'leave my laptop',
    'leave this laptop',
    'leave my computer',
    'leave this computer',
    'model running on this computer',
    'model running on my machine',
    'stay on this machine',
    'stay on my machine',
    '只在本地',
    '仅在本地',
    '本地处理',
    '不要上传',
    '不要发送到云',
    '不要传到云端',
  ],
  internal_document: [
    'internal only',
    'internal use only',
    'for internal use',
    'company confidential',
    'strictly confidential',
    'confidential and proprietary',
    'proprietary and confidential',
    'do not distribute',
    'do not forward',
    'not for distribution',
    'under nda',
    'covered by our nda',
    'internal memo',
    'internal document',
    'board minutes',
    'board meeting minutes',
    'attorney-client privileged',
    'not public yet',
    'not yet public',
    'not been announced',
    'not announced yet',
    'unannounced',
    'under embargo',
    'embargoed',
    'managers only',
    'nobody outside',
    'no one outside',
    'never been published',
    '还没公开',
    '尚未公开',
    '未公开',
    '未发布的',
    'privileged and confidential',
    '内部资料',
    '内部文件',
    '公司机密',
    '机密文件',
    '内部使用',
    '请勿外传',
    '保密协议',
  ],
  private_code: [
    'our proprietary code',
    'our internal code',
    'our private repo',
    'our private repository',
    'our internal repo',
    'our internal repository',
    'our closed-source',
    'our closed source',
    'proprietary source code',
    'internal codebase',
    'private codebase',
    'never open-sourced',
    'never been open-sourced',
    'not open source',
    '公司代码',
    '私有代码',
    '内部代码',
    '私有仓库',
  ],
  personal_record: [
    'my medical record',
    'my medical history',
    'my diagnosis',
    'my lab results',
    'my prescription',
    'my therapist',
    'my bank statement',
    'my tax return',
    'my salary',
    'my payslip',
    'my credit report',
    'my passport number',
    'my social security number',
    'my home address',
    '我的病历',
    '我的诊断',
    '我的工资',
    '我的银行',
    '我的身份证',
    '我的住址',
  ],
};

export interface MarkerHit {
  category: MarkerCategory;
  phrase: string;
  start: number;
  end: number;
}

const entries = (Object.entries(PHRASES) as [MarkerCategory, readonly string[]][]).flatMap(
  ([category, phrases]) => phrases.map((phrase) => ({ category, phrase: lowerAligned(phrase) })),
);
let scanner: LiteralScanner | undefined;

/** Every private-context phrase in `text` (case-insensitive, whole words), in order. */
export function findPrivateMarkers(text: string): MarkerHit[] {
  scanner ??= new LiteralScanner(entries.map((entry) => entry.phrase));
  const lower = lowerAligned(text);
  const hits: MarkerHit[] = [];
  scanner.scan(lower, (pattern, start, end) => {
    const entry = entries[pattern];
    if (!entry) return false;
    if (
      literalNeedsBoundaries(entry.phrase) &&
      !(isWordBoundary(lower, start) && isWordBoundary(lower, end))
    ) {
      return false;
    }
    hits.push({ category: entry.category, phrase: entry.phrase, start, end });
    return true;
  });
  return hits.sort((a, b) => a.start - b.start);
}

export const PRIVATE_MARKER_PHRASES = PHRASES;
