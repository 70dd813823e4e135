// Links malloc on purpose: the no-heap check (check_no_heap.cmake) must reject this image.
#include <cstdlib>

int main() {
  void* volatile p = std::malloc(16);
  std::free(p);
  return 0;
}
