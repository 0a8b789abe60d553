// What the panel library may find besides the browser's globals: a CommonJS loader (node,
// or CEP's node integration) in its loader wrappers, and CEP's own file API.
declare var module: { exports: unknown } | undefined;
declare var require: ((id: string) => any) | undefined;
interface Window {
    cep?: { fs?: { readFile(path: string): { err: number; data: string } } };
}
