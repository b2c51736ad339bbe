/* Loads the plug-in named on the command line and has it decide a record. */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  void* plugin = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (!plugin) {
    fprintf(stderr, "cannot load %s: %s\n", argv[1], dlerror());
    return 1;
  }
  int (*decide)(char**);
  void (*release)(char*);
  *(void**)&decide = dlsym(plugin, "plugin_decide");
  *(void**)&release = dlsym(plugin, "plugin_free");
  if (!decide || !release) {
    fprintf(stderr, "no plugin_decide or plugin_free in %s\n", argv[1]);
    return 1;
  }
  char* out = NULL;
  int status = decide(&out);
  const char* expected = "\"program\":\"rent_subsidy\",\"title\":\"高校毕业生租房补贴\",\"status\":\"eligible\",\"amount\":\"800.00\"";
  int ok = status == 0 && out && strstr(out, expected);
  printf("%s\n", out ? out : "(no result)");
  release(out);
  dlclose(plugin);
  if (!ok) fprintf(stderr, "expected status 0 and a decision containing %s\n", expected);
  return ok ? 0 : 1;
}
