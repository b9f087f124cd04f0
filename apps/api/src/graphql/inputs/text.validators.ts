import { applyDecorators } from '@nestjs/common';
import {
  ArrayMaxSize,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  type ValidationOptions,
} from 'class-validator';

// NUL, other C0 controls, DEL and C1 controls never belong in stored text; a single-line field
// also refuses line breaks and tabs. Multi-line fields (notes, excerpts) keep \t, \n and \r.
const SINGLE_LINE = /^[^\u0000-\u001F\u007F-\u009F]*$/;
const MULTI_LINE = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]*$/;
const NOT_BLANK = /\S/;

/** Field limits, each with its reason. */
export const LIMITS = {
  // A name, title or code: the longest real values seen are under 200 characters.
  short: 300,
  // A position or description sentence.
  medium: 1000,
  // An excerpt: "the short passage that supports the record"; a few paragraphs at most.
  excerpt: 5000,
  // Free notes.
  notes: 10000,
  // Aliases per officer: spellings seen in the press rarely pass five.
  aliases: 50,
};

/**
 * A text field: a string of 1..max characters, not blank, without control characters.
 * `null` passes only when `nullable` (an optional field a client may clear).
 */
export function IsText(
  max: number,
  opts: { multiline?: boolean; nullable?: boolean } = {},
  v?: ValidationOptions,
) {
  const decorators = [
    IsString(v),
    MinLength(1, { message: '$property must not be empty', ...v }),
    MaxLength(max, { message: `$property must be at most ${max} characters`, ...v }),
    Matches(NOT_BLANK, { message: '$property must not be blank', ...v }),
    Matches(opts.multiline ? MULTI_LINE : SINGLE_LINE, {
      message: opts.multiline
        ? '$property must not contain control characters'
        : '$property must not contain control characters or line breaks',
      ...v,
    }),
  ];
  if (opts.nullable)
    decorators.unshift(ValidateIf((_o, value) => value !== null && value !== undefined));
  return applyDecorators(...decorators);
}

/** An optional text field (absent or null allowed). */
export function IsOptionalText(max: number, opts: { multiline?: boolean } = {}) {
  return IsText(max, { ...opts, nullable: true });
}

/** A list of text values. */
export function IsTextList(maxItems: number, maxLength: number) {
  return applyDecorators(
    ValidateIf((_o, value) => value !== null && value !== undefined),
    ArrayMaxSize(maxItems, { message: `$property must have at most ${maxItems} entries` }),
    IsString({ each: true }),
    MinLength(1, { each: true, message: 'each of $property must not be empty' }),
    MaxLength(maxLength, {
      each: true,
      message: `each of $property must be at most ${maxLength} characters`,
    }),
    Matches(SINGLE_LINE, { each: true, message: '$property must not contain control characters' }),
    Matches(NOT_BLANK, { each: true, message: 'each of $property must not be blank' }),
  );
}

/** Required in a create input, optional in an update input; never null in either. */
export function NotNullIfPresent() {
  return ValidateIf((_o, value) => value !== undefined);
}
