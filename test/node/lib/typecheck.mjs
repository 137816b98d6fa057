// Typechecks code as an integrator's project would see this package: the repository's strict
// compiler options, no ambient test types, and `softphone-bridge[/sub]` resolved through
// package.json "exports" to the published declarations in dist/types.
import ts from 'typescript';
import { packageRoot, typePaths } from './package-resolve.mjs';

/**
 * Diagnostics ("file:line: TSnnnn message") of `files` (absolute paths); `virtual` maps extra file
 * paths to their text (e.g. a README block) so nothing is written to the tree.
 */
export function typecheck(files, virtual = {}) {
  const config = ts.readConfigFile(`${packageRoot}tsconfig.json`, ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, packageRoot);
  const compilerOptions = { ...options, types: [], noEmit: true, paths: typePaths() };
  const host = ts.createCompilerHost(compilerOptions);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, ...rest) =>
    name in virtual
      ? ts.createSourceFile(name, virtual[name], ts.ScriptTarget.ES2022, true)
      : getSourceFile.call(host, name, ...rest);
  host.fileExists = (name) => name in virtual || fileExists.call(host, name);
  host.readFile = (name) => (name in virtual ? virtual[name] : readFile.call(host, name));
  const program = ts.createProgram(files, compilerOptions, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file
      ? `${d.file.fileName.replace(packageRoot, '')}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}: `
      : '';
    return `${where}TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}
