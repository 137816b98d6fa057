// Parses every Apex class under force-app/ with @apexdevtools/apex-parser (an ANTLR grammar that
// aims to match the platform compiler's syntax; README: "Capturing syntax errors"), so a syntax
// error fails `npm test` with its file, line and column instead of at deploy time in an org.
// It checks syntax and the class name only: types, SOQL fields and sharing are the org's to check
// (sf project deploy start runs the Apex tests).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ApexErrorListener, ApexParserFactory } from '@apexdevtools/apex-parser';

const root = fileURLToPath(new URL('../../', import.meta.url));
const forceApp = join(root, 'force-app');

/** Collects every syntax error the lexer and the parser report (the lexer's alone catch bad escapes). */
class CollectingListener extends ApexErrorListener {
  errors = [];
  apexSyntaxError(line, column, msg) {
    // ANTLR lists every token it expected: keep the start, enough to see what is wrong.
    this.errors.push({ line, column, message: msg.length > 160 ? `${msg.slice(0, 160)}…` : msg });
  }
}

/**
 * Parses one class file's source.
 * @returns {{ errors: {line: number, column: number, message: string}[], name: string | undefined }}
 *   the syntax errors, and the name of the top-level class, interface or enum
 */
function parseClass(source) {
  const listener = new CollectingListener();
  const { parser } = ApexParserFactory.createLexerAndParser(source, listener);
  const type = parser.compilationUnit().typeDeclaration();
  const declaration = type?.classDeclaration() ?? type?.interfaceDeclaration() ?? type?.enumDeclaration();
  return { errors: listener.errors, name: declaration?.id()?.getText() };
}

const where = (file, errors) => errors.map((e) => `${file}:${e.line}:${e.column + 1}: ${e.message}`).join('\n');

const classFiles = readdirSync(forceApp, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && entry.name.endsWith('.cls'))
  .map((entry) => relative(root, join(entry.parentPath ?? entry.path, entry.name)))
  .sort();

test('force-app holds the Apex classes this test parses', () => {
  // The six classes of the deploy (test/node/sfdx-project.test.mjs lists them): a glob that found
  // none would make every test below pass vacuously.
  assert.ok(classFiles.length >= 6, `found ${classFiles.length} .cls files under force-app/`);
});

for (const file of classFiles) {
  test(`${file} parses as Apex, and declares the class its file is named after`, () => {
    const { errors, name } = parseClass(readFileSync(join(root, file), 'utf8'));
    assert.equal(errors.length, 0, `syntax errors:\n${where(file, errors)}`);
    // The platform names a class by its file: a mismatch fails the deploy.
    assert.equal(name, basename(file, '.cls'), `${file} declares ${name ?? 'no class'}`);
  });
}

test('a broken class fails, with the line and column of the error', () => {
  const { errors } = parseClass('public class Broken {\n  void f() {\n    Integer x = ;\n  }\n}\n');
  assert.ok(errors.length > 0, 'the parser accepted a broken class');
  assert.deepEqual([errors[0].line, errors[0].column], [3, 16]);
  assert.match(where('Broken.cls', errors), /^Broken\.cls:3:17: mismatched input ';'/);
});

test('a lexer error (an invalid string escape) fails too', () => {
  const { errors } = parseClass("public class Escape { String s = 'a\\qb'; }");
  assert.ok(
    errors.some((e) => e.line === 1 && /token recognition error/.test(e.message)),
    JSON.stringify(errors),
  );
});

test('a well-formed class with SOQL, generics and a test method parses clean', () => {
  const source = [
    '@IsTest',
    'private class Sample {',
    '  @IsTest static void finds() {',
    "    List<Task> tasks = [SELECT Id FROM Task WHERE CallObject = :'x' WITH USER_MODE LIMIT 1];",
    "    Map<String, Object> byKey = new Map<String, Object>{ 'a' => 1 };",
    '    Assert.areEqual(0, tasks.size());',
    '  }',
    '}',
  ].join('\n');
  const { errors, name } = parseClass(source);
  assert.deepEqual(errors, []);
  assert.equal(name, 'Sample');
});
