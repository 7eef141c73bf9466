// What the projection stage records (reference §3.4), in upstream's field names.

export interface PartitionContender {
  name: string;
  raw_score: number;
  normalized_score?: number;
}

export interface PartitionResolution {
  group_name: string;
  signal_type: 'domain' | 'embedding';
  semantics: string;
  temperature?: number;
  contenders: PartitionContender[];
  winner?: string;
  winner_score?: number;
  raw_winner_score?: number;
  margin?: number;
  default_used: boolean;
  /** Homelane: the member family could not run (no model), so the partition was not applied. */
  skipped_unavailable?: boolean;
}

export interface ScoreInputTrace {
  type: string;
  name?: string;
  kb?: string;
  metric?: string;
  weight: number;
  value: number;
  contribution: number;
}

export interface ScoreTrace {
  name: string;
  total: number;
  inputs: ScoreInputTrace[];
}

export interface MappingOutputTrace {
  name: string;
  matched: boolean;
  boundary_distance: number;
}

export interface MappingTrace {
  mapping_name: string;
  source_score: string;
  score_value: number;
  selected_output: string | null;
  confidence: number | null;
  boundary_distance: number | null;
  outputs: MappingOutputTrace[];
}

export interface ProjectionTrace {
  schema_version: '1';
  partitions: PartitionResolution[];
  scores: ScoreTrace[];
  mappings: MappingTrace[];
}
