/**
 * French for the `yaml` parser's most frequent errors. The parser speaks
 * English; a message it gives that is not listed here is shown as it is,
 * after a French lead-in.
 */
const FRENCH: [RegExp, string][] = [
  [/^Map keys must be unique/, "Clé en double : chaque clé d'un mapping doit être unique"],
  [/^Tabs are not allowed as indentation/, "Les tabulations ne sont pas autorisées pour indenter le YAML : utilisez des espaces"],
  [/^Missing closing "quote/, "Guillemet fermant \" manquant"],
  [/^Missing closing 'quote/, "Apostrophe fermante ' manquante"],
  [/^Flow sequence in block collection must be sufficiently indented and end with a \]/, "Liste entre crochets non refermée ou mal indentée : il manque un ]"],
  [/^Flow map in block collection must be sufficiently indented and end with a \}/, "Mapping entre accolades non refermé ou mal indenté : il manque une }"],
  [/^Nested mappings are not allowed in compact mappings/, "Mapping imbriqué interdit ici : un « : » de trop sur la ligne ? Mettez la valeur entre guillemets"],
  [/^Implicit keys need to be on a single line/, "Une clé doit tenir sur une seule ligne"],
  [/^All mapping items must start at the same column/, "Toutes les clés d'un même mapping doivent commencer à la même colonne"],
  [/^All collection items must start at the same column/, "Tous les éléments d'une même liste doivent commencer à la même colonne"],
  [/^A block sequence may not be used as an implicit map key/, "Une liste ne peut pas servir de clé"],
  [/^Sequence items are not allowed on the same line with map keys/, "Un élément de liste (« - ») ne peut pas suivre une clé sur la même ligne"],
  [/^Unexpected scalar at node end/, "Valeur inattendue en fin de nœud : indentation ou guillemets à vérifier"],
  [/^Top-level object must be a mapping/, "L'objet de premier niveau doit être un mapping : compose attend en tête du fichier des clés comme services:"],
  [/^Collections nested too deeply/, "Collections imbriquées trop profondément pour être lues (la pile de l'analyseur est épuisée) : compose ne peut pas non plus charger ce fichier"],
];

export function frenchYamlError(message: string): string {
  const known = FRENCH.find(([pattern]) => pattern.test(message));
  return known ? known[1] : `Erreur de syntaxe YAML : ${message}`;
}
