import { z } from 'zod';
import { num, obj, str, strList } from './common';

// `routing.projections` (reference §3).

export const PartitionSchema = obj({
  name: str(),
  semantics: str().optional(),
  temperature: num().optional(),
  members: strList(),
  default: str().optional(),
});

export const ScoreInputSchema = obj({
  type: str(),
  name: str().optional(),
  kb: str().optional(),
  metric: str().optional(),
  weight: num().optional(),
  value_source: str().optional(),
  match: num().optional(),
  miss: num().optional(),
});

export const ScoreSchema = obj({
  name: str(),
  method: str().optional(),
  inputs: z.array(ScoreInputSchema),
});

export const MappingOutputSchema = obj({
  name: str(),
  gt: num().optional(),
  gte: num().optional(),
  lt: num().optional(),
  lte: num().optional(),
});

export const MappingSchema = obj({
  name: str(),
  source: str(),
  method: str().optional(),
  calibration: obj({ method: str().optional(), slope: num().optional() }).optional(),
  outputs: z.array(MappingOutputSchema),
});

export const ProjectionsSchema = obj({
  partitions: z.array(PartitionSchema).optional(),
  scores: z.array(ScoreSchema).optional(),
  mappings: z.array(MappingSchema).optional(),
});

export type Partition = z.infer<typeof PartitionSchema>;
export type ScoreInput = z.infer<typeof ScoreInputSchema>;
export type Score = z.infer<typeof ScoreSchema>;
export type MappingOutput = z.infer<typeof MappingOutputSchema>;
export type Mapping = z.infer<typeof MappingSchema>;
export type Projections = z.infer<typeof ProjectionsSchema>;
