// Decap CMS's front-matter YAML, as decap-cms 3.16.3 reads and writes it (its `formats/yaml`:
// the npm `yaml` package, YAML 1.2 core schema, plus a timestamp tag), for tests/test_yaml_cms.py.
// One JSON request per input line, {"text": front matter}; one JSON answer per output line:
// {"value": what the CMS reads, dates as {"$date": ISO}, "saved": what it writes back} or
// {"error": message}.
const readline = require("readline");
const YAML = require("yaml");

const timestamp = {
  identify: (value) => value instanceof Date,
  default: true,
  tag: "!timestamp",
  test: RegExp("^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2}(\\.[0-9]+)?)Z$"),
  resolve: (text) => new Date(text),
  stringify: (value) => value.toISOString(),
};

function fromFile(text) {
  const document = YAML.parseDocument(text, { customTags: [timestamp], prettyErrors: true });
  if (document.errors.length > 0) throw new Error(document.errors.map((e) => e.message).join("\n"));
  return document.toJSON();
}

function toFile(data) {
  const document = new YAML.Document();
  document.contents = YAML.createNode(data);
  return document.toString();
}

function marked(key, value) {
  const original = this[key];
  return original instanceof Date ? { $date: original.toISOString() } : value;
}

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  let answer;
  try {
    const value = fromFile(JSON.parse(line).text);
    answer = { value, saved: toFile(value) };
  } catch (error) {
    answer = { error: String(error.message) };
  }
  process.stdout.write(JSON.stringify(answer, marked) + "\n");
});
