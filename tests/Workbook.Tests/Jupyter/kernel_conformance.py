"""jupyter_kernel_test (Debian's python3-jupyter-kernel-test): the Jupyter project's own kernel conformance tests,
which validate every reply and iopub message against the messaging spec's schemas (msgspec_v5).
Run: python3 -m unittest kernel_conformance  (the kernelspec is found through JUPYTER_PATH)."""
import unittest
import jupyter_kernel_test


class WorkbookKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = ".net-csharp"
    language_name = "C#"
    file_extension = ".cs"
    code_hello_world = 'Console.WriteLine("hello, world");'
    code_stderr = 'Console.Error.WriteLine("oops");'
    completion_samples = [{"text": "Console.WriteL", "matches": {"WriteLine"}}]
    complete_code_samples = ["var x = 1;", "x + 1", "Console.WriteLine(1);"]
    incomplete_code_samples = ["if (true) {", "var s = new[] { 1,"]
    code_generate_error = 'throw new System.Exception("boom");'
    code_execute_result = [{"code": "6 * 7", "result": "42"}, {"code": "\"text\"", "result": "text"}]
    code_display_data = [{"code": 'display("shown");', "mime": "text/plain"}]
    code_inspect_sample = "Console.WriteLine"


if __name__ == "__main__":
    unittest.main()
