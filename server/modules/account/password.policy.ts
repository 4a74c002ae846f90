/**
 * Password policy (等保三级), shared by the server and the web pages: at least 8 characters, at
 * least 3 of the 4 character classes (upper case, lower case, digits, symbols), and not containing
 * the login name. Returns the Chinese reason it fails, or null when it passes.
 */
export function passwordProblem(password: string, loginName: string): string | null {
  if (password.length < 8) return '密码至少 8 位';
  if (password.length > 64) return '密码不超过 64 位';
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) return '密码须包含大写字母、小写字母、数字、符号中的至少三类';
  if (loginName && password.toLowerCase().includes(loginName.toLowerCase())) return '密码不能包含登录名';
  return null;
}
