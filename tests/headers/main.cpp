// The header check is a link test: every public header, one per TU, linked into one program.
int main() {
  return 0;
}
