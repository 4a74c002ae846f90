import type { FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify';
import { validatorCompiler as zodValidatorCompiler } from 'fastify-type-provider-zod';
import type { z } from 'zod';

/**
 * C0 control characters and DEL, which no one types: NUL reaches PostgreSQL as "invalid byte sequence",
 * the others hide text or break exports. In a body, tab, line feed and carriage return are text
 * (multi-line fields); in a URL (path, query string) or a header they are refused too.
 */
const CONTROL_IN_BODY = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const CONTROL_IN_URL = /[\u0000-\u001F\u007F]/;
const MAX_ISSUES = 20;

/** JSON-like objects: parsed bodies, query strings (whose prototype is fast-querystring's own), params; not an upload's Buffer. */
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !ArrayBuffer.isView(v);

/** A value met while walking, with the way back to the root (a path is only spelled out for a refusal). */
interface Step {
  value: unknown;
  key: string | number | null;
  parent: Step | null;
}
const pathOf = (step: Step) => {
  const keys: (string | number)[] = [];
  for (let s: Step | null = step; s && s.key !== null; s = s.parent) keys.unshift(s.key);
  return keys.map((k) => `/${k}`).join('');
};
const issue = (step: Step, message: string): FastifySchemaValidationError => ({
  keyword: 'control_character',
  instancePath: pathOf(step),
  schemaPath: '#/control_character',
  params: {},
  message,
});

/**
 * Where in `data` a string (a value or an object key) holds a character of `pattern`, as validation errors.
 * Iterative and linear, so a deeply nested body cannot overflow the stack or stall the server; non-JSON
 * values (an upload's Buffer) are left alone.
 */
export function controlCharacterIssues(data: unknown, pattern: RegExp, message: string): FastifySchemaValidationError[] {
  const issues: FastifySchemaValidationError[] = [];
  const stack: Step[] = [{ value: data, key: null, parent: null }];
  while (stack.length && issues.length < MAX_ISSUES) {
    const step = stack.pop()!;
    const { value } = step;
    if (typeof value === 'string') {
      if (pattern.test(value)) issues.push(issue(step, message));
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], key: i, parent: step });
    } else if (isRecord(value)) {
      for (const key of Object.keys(value).reverse()) {
        const child = { value: value[key], key, parent: step };
        if (pattern.test(key)) issues.push(issue(child, `字段名${message}`));
        else stack.push(child);
      }
    }
  }
  return issues;
}

/**
 * The app's one validator: every body, query string, path parameter and header value is checked for
 * control characters before its zod schema runs, so no route can forget it. The refusal is answered like
 * any other schema failure (400 VALIDATION_FAILED with the field's path in details, http.ts).
 */
export const validatorCompiler: FastifySchemaCompiler<z.core.$ZodType> = (route) => {
  const validate = zodValidatorCompiler(route);
  const inBody = route.httpPart === 'body';
  const pattern = inBody ? CONTROL_IN_BODY : CONTROL_IN_URL;
  const message = inBody ? '含有不允许的控制字符（如空字符），请删除后重新提交' : '含有不允许的控制字符（如换行、制表符、空字符），请删除后重试';
  return (data: unknown) => {
    const error = controlCharacterIssues(data, pattern, message);
    return error.length ? { error } : validate(data);
  };
};
