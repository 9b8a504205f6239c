import type { ValidationError } from 'class-validator';

export interface FieldProblem {
  field: string;
  problems: string[];
}

/** Flattens nested class-validator errors into `{ field: 'a.b', problems }` rows (REST bodies and queue payloads alike). */
export function fieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, problems: Object.values(error.constraints) }] : [];
    return [...own, ...fieldProblems(error.children ?? [], field)];
  });
}

/** One readable sentence from the rows: "limit must be an integer number; bogus should not exist". */
export function describeProblems(fields: FieldProblem[]): string {
  return fields.map((row) => row.problems.join(', ')).join('; ');
}
