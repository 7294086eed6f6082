// Bases of the most frequent passwords in public breach corpora. A password is refused
// when, lower-cased and stripped of the digits and symbols people append to meet length
// rules ("password1234!"), it is one of these or nothing is left at all.
export const commonPasswordBases: ReadonlySet<string> = new Set([
  'password', 'passw0rd', 'p@ssw0rd', 'p@ssword', 'pass', 'passwd', 'qwerty', 'qwertyuiop', 'qwertyuiopas',
  'qwerty123', 'asdfgh', 'asdfghjkl', 'zxcvbnm', 'zxcvbn', 'qazwsx', 'qazwsxedc', '1qaz2wsx', '1q2w3e4r',
  '1q2w3e4r5t', 'abc', 'abcd', 'abcdef', 'abcdefg', 'abcdefgh', 'abcdefghijkl', 'iloveyou', 'ilovemacau',
  'ilovemacao', 'letmein', 'welcome', 'welcomeback', 'admin', 'administrator', 'adminadmin', 'root', 'toor',
  'changeme', 'changeit', 'secret', 'topsecret', 'default', 'guest', 'user', 'test', 'tester', 'testing',
  'monkey', 'dragon', 'master', 'football', 'baseball', 'basketball', 'soccer', 'hockey', 'superman',
  'batman', 'spiderman', 'starwars', 'pokemon', 'princess', 'sunshine', 'shadow', 'michael', 'jennifer',
  'jordan', 'hunter', 'trustno1', 'freedom', 'whatever', 'computer', 'internet', 'samsung', 'google',
  'facebook', 'microsoft', 'apple', 'hello', 'helloworld', 'charlie', 'donald', 'killer', 'pepper',
  'ginger', 'cookie', 'chocolate', 'cheese', 'flower', 'summer', 'winter', 'spring', 'autumn', 'love',
  'lovely', 'loveme', 'angel', 'baby', 'babygirl', 'family', 'friends', 'forever', 'blink', 'matrix',
  'mustang', 'ferrari', 'porsche', 'corvette', 'harley', 'ranger', 'thomas', 'robert', 'daniel', 'andrew',
  'joshua', 'maggie', 'ashley', 'nicole', 'jessica', 'michelle', 'tigger', 'buster', 'soccer', 'purple',
  'orange', 'banana', 'yellow', 'silver', 'golden', 'diamond', 'qwert', 'asdf', 'zaq1', 'zaq12wsx',
  'aa', 'aaa', 'aaaa', 'aaaaaa', 'abc123', 'a1b2c3', 'q1w2e3r4', 'macau', 'macao', 'guia', 'lisboa',
  'portugal', 'china', 'hongkong', 'taipa', 'coloane', 'casino', 'benfica', 'sporting', 'porto',
  'senha', 'segredo', 'mudar', 'mudarsenha', 'bemvindo', 'saudade', 'amor', 'querida', 'mima', 'woaini',
  'wodemima', 'mima', 'zhongguo', 'aomen', 'xianggang', 'changeme', 'starwars', 'monday', 'january',
  'december', 'office', 'company', 'server', 'system', 'security', 'government', 'police', 'justice',
]);
